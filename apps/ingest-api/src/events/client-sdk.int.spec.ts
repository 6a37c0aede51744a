import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StratumClient } from '@stratum-cdp/client';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
let server: Server;
let endpoint: string;
beforeAll(async () => {
  t = await createIngestTestApp();
  server = t.app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('the TypeScript SDK against the real ingest API', () => {
  it('delivers batched events, and a replay of the same ids stores nothing new', async () => {
    const client = new StratumClient({
      writeKey: t.tenant.writeKey.key,
      endpoint,
      flushAt: 100,
      flushIntervalMs: 0,
    });
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      ids.push(
        client.track('Viewed Item', {
          identifiers: [{ type: 'anonymous_id', value: `sdk-${i % 30}` }],
          properties: { i },
        }),
      );
    }
    expect(await client.close()).toEqual({ accepted: 250, duplicates: 0, rejected: 0, failed: 0 });

    const replay = new StratumClient({
      writeKey: t.tenant.writeKey.key,
      endpoint,
      flushIntervalMs: 0,
    });
    for (const id of ids.slice(0, 50))
      replay.track('Viewed Item', {
        identifiers: [{ type: 'anonymous_id', value: 'sdk-0' }],
        eventId: id,
      });
    expect(await replay.close()).toEqual({ accepted: 0, duplicates: 50, rejected: 0, failed: 0 });
  });
});
