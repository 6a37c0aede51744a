import { PostHog } from 'posthog-node';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';
import { profileIdOf, startVendorTestServer, storedProfile } from './vendor-test-server';
import type { VendorTestServer } from './vendor-test-server';

let t: IngestTestApp;
let server: VendorTestServer;
beforeAll(async () => {
  t = await createIngestTestApp({ vendorRoutesAsync: true });
  server = await startVendorTestServer(t);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

// posthog-node's capture() queues its message a few promise turns later; flush() after that.
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('posthog-node, unmodified, against the ingest API', () => {
  it('links identify, capture and alias into one profile; $set_once never overwrites', async () => {
    const posthog = new PostHog(t.tenant.writeKey.key, {
      host: server.url,
      flushAt: 100,
      flushInterval: 0,
      fetchRetryDelay: 50,
    });
    const errors: unknown[] = [];
    posthog.on('error', (error) => errors.push(error));
    server.loseAnswers(1);
    posthog.identify({
      distinctId: 'ph-user-1',
      properties: {
        $set: { email: 'jane.ph@example.com', plan: 'pro' },
        $set_once: { initial_plan: 'free' },
        $anon_distinct_id: 'ph-anon-1',
      },
    });
    posthog.capture({
      distinctId: 'ph-user-1',
      event: 'Order Completed',
      properties: { revenue: 9.5, $set_once: { initial_plan: 'enterprise', first_order: 'A-1' } },
    });
    posthog.alias({ distinctId: 'ph-user-1', alias: 'ph-old-anon' });
    await settled();
    await posthog.shutdown();

    expect(errors).toEqual([]);
    expect(server.exchanges.map((e) => [e.path, e.appStatus, e.clientStatus])).toEqual([
      ['/batch/', 202, 503],
      ['/batch/', 202, 202],
    ]);
    expect(server.exchanges[0]!.headers['content-encoding']).toBe('gzip');
    expect(server.exchanges[0]!.headers.authorization).toBeUndefined();
    // Both sends were queued (202); resolving them stores each message once (below).
    expect(server.exchanges[0]!.appBody).toMatchObject({ status: 'Ok', queued: 3 });
    expect(server.exchanges[1]!.appBody).toMatchObject({ status: 'Ok', queued: 3 });

    const ids = await Promise.all([
      profileIdOf(t, 'external_id', 'ph-user-1'),
      profileIdOf(t, 'anonymous_id', 'ph-user-1'),
      profileIdOf(t, 'anonymous_id', 'ph-anon-1'),
      profileIdOf(t, 'anonymous_id', 'ph-old-anon'),
      profileIdOf(t, 'email', 'jane.ph@example.com'),
    ]);
    expect(ids[0]).toBeDefined();
    expect(new Set(ids)).toEqual(new Set([ids[0]]));
    const stored = await storedProfile(t, ids[0]!);
    expect(stored.traits).toEqual({ plan: 'pro', initial_plan: 'free', first_order: 'A-1' });
    expect(stored.eventCount).toBe(3);
    expect(stored.events.map((e) => `${e.type}:${e.name}`).sort()).toEqual([
      'alias:null',
      'identify:null',
      'track:Order Completed',
    ]);
  });
});
