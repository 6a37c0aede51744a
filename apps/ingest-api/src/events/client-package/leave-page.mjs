// A page being left, played in Node: window, document and navigator.sendBeacon stand in
// for a browser's (the beacon posts the body as text/plain, as browsers do), and Node's
// fetch takes `keepalive`. 24 events of about 5 KiB overflow the 64 KiB keepalive budget,
// so the rest must go by beacon. node leave-page.mjs <endpoint> <writeKey> <prefix>.
import { StratumClient } from '@stratum-cdp/client';

const [endpoint, writeKey, prefix] = process.argv.slice(2);
const page = new EventTarget();
const beacons = [];
const define = (name, value) =>
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
define('window', globalThis);
define('addEventListener', page.addEventListener.bind(page));
define('removeEventListener', page.removeEventListener.bind(page));
define('document', {
  visibilityState: 'visible',
  addEventListener() {},
  removeEventListener() {},
});
define('navigator', {
  sendBeacon(url, data) {
    beacons.push(fetch(url, { method: 'POST', body: data }).then((res) => res.status));
    return true;
  },
});

const client = new StratumClient({ writeKey, endpoint, flushIntervalMs: 0 });
const identifiers = [
  { type: 'anonymous_id', value: `${prefix}-visitor` },
  { type: 'email', value: `${prefix}@example.com` },
];
const padding = 'x'.repeat(5000);
const ids = [];
for (let i = 0; i < 24; i++) {
  ids.push(client.track('Read Article', { identifiers, properties: { i, padding } }));
}
let unload;
const flushOnUnload = client.flushOnUnload.bind(client);
client.flushOnUnload = () => (unload = flushOnUnload());
page.dispatchEvent(new Event('pagehide'));
const beaconStatuses = await Promise.all(beacons);
const result = await client.close();
console.log(JSON.stringify({ unload, beaconStatuses, result, ids }));
