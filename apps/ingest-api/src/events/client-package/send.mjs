// The same as send.cjs through the ESM entry: node send.mjs <endpoint> <writeKey> <prefix>.
import { StratumClient } from '@stratum-cdp/client';

const [endpoint, writeKey, prefix] = process.argv.slice(2);
const client = new StratumClient({ writeKey, endpoint, flushIntervalMs: 0 });
const identifiers = [{ type: 'anonymous_id', value: `${prefix}-visitor` }];
const ids = [
  client.track('Signed Up', { identifiers, properties: { via: 'import' } }),
  client.identify(identifiers, { plan: 'pro' }),
  client.page('Pricing', { identifiers }),
];
console.log(JSON.stringify({ result: await client.close(), ids }));
