// Run from a scratch project where the packed @stratum-cdp/client is installed:
// node send.cjs <endpoint> <writeKey> <prefix>. Prints the flush result and the event ids.
const { StratumClient } = require('@stratum-cdp/client');

async function main() {
  const [endpoint, writeKey, prefix] = process.argv.slice(2);
  const client = new StratumClient({ writeKey, endpoint, flushIntervalMs: 0 });
  const identifiers = [{ type: 'anonymous_id', value: `${prefix}-visitor` }];
  const ids = [
    client.track('Signed Up', { identifiers, properties: { via: 'require' } }),
    client.identify(identifiers, { plan: 'pro' }),
    client.page('Pricing', { identifiers }),
  ];
  console.log(JSON.stringify({ result: await client.close(), ids }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
