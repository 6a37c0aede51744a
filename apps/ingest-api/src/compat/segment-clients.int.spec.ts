import { Analytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
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
beforeEach(() => {
  server.exchanges.length = 0;
});

/** identify + track + alias for one made-up person, ids unique to the client under test. */
function person(tag: string) {
  return {
    userId: `crm-${tag}`,
    anonymousId: `anon-${tag}`,
    previousId: `old-anon-${tag}`,
    email: `jane.${tag}@example.com`,
  };
}

async function expectOneProfile(p: ReturnType<typeof person>) {
  const ids = await Promise.all([
    profileIdOf(t, 'external_id', p.userId),
    profileIdOf(t, 'anonymous_id', p.anonymousId),
    profileIdOf(t, 'anonymous_id', p.previousId),
    profileIdOf(t, 'email', p.email),
  ]);
  expect(ids[0]).toBeDefined();
  expect(new Set(ids)).toEqual(new Set([ids[0]]));
  return storedProfile(t, ids[0]!);
}

describe('@segment/analytics-node, unmodified, against the ingest API', () => {
  it('links identify, track and alias into one profile, stored once despite a lost answer', async () => {
    const p = person('segment');
    const errors: unknown[] = [];
    const analytics = new Analytics({
      writeKey: t.tenant.writeKey.key,
      host: server.url,
      flushAt: 3,
      maxRetries: 3,
    });
    analytics.on('error', (error) => errors.push(error));
    server.loseAnswers(1);
    analytics.identify({
      userId: p.userId,
      anonymousId: p.anonymousId,
      traits: { email: p.email, plan: 'pro', name: 'Jane' },
    });
    analytics.track({ userId: p.userId, event: 'Order Completed', properties: { revenue: 9.5 } });
    analytics.alias({ userId: p.userId, previousId: p.previousId });
    await analytics.closeAndFlush();

    expect(errors).toEqual([]);
    // The first attempt was stored but answered 503; the retry found every event a duplicate.
    expect(server.exchanges.map((e) => [e.path, e.appStatus, e.clientStatus])).toEqual([
      ['/v1/batch', 202, 503],
      ['/v1/batch', 202, 202],
    ]);
    // Both sends were queued (202); resolving them stores each message once (below).
    expect(server.exchanges[0]!.appBody).toMatchObject({ success: true, queued: 3 });
    expect(server.exchanges[1]!.appBody).toMatchObject({ success: true, queued: 3 });
    const stored = await expectOneProfile(p);
    expect(stored.traits).toEqual({ plan: 'pro', name: 'Jane' });
    expect(stored.events.map((e) => e.type).sort()).toEqual(['alias', 'identify', 'track']);
    expect(stored.eventCount).toBe(3);
  });
});

describe('@rudderstack/rudder-sdk-node, unmodified (gzip on), against the ingest API', () => {
  it('links identify, track and alias into one profile, stored once despite a lost answer', async () => {
    const p = person('rudder');
    const errors: unknown[] = [];
    const rudder = new RudderAnalytics(t.tenant.writeKey.key, {
      dataPlaneUrl: server.url,
      flushAt: 3,
      flushInterval: 60_000,
      logLevel: 'error',
      errorHandler: (error: unknown) => errors.push(error),
    });
    server.loseAnswers(1);
    const sent = <M>(send: (message: M, callback: () => void) => unknown, message: M) =>
      new Promise<void>((resolve) => send.call(rudder, message, () => resolve()));
    const calls = [
      sent(rudder.identify, {
        userId: p.userId,
        anonymousId: p.anonymousId,
        traits: { email: p.email, plan: 'pro', name: 'Jane' },
      }),
      sent(rudder.track, { userId: p.userId, event: 'Order Completed', properties: { n: 1 } }),
      sent(rudder.alias, { userId: p.userId, previousId: p.previousId }),
    ];
    await rudder.flush();
    await Promise.all(calls);

    expect(errors).toEqual([]);
    expect(server.exchanges[0]!.headers['content-encoding']).toBe('gzip');
    expect(server.exchanges[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.exchanges.every((e) => e.appStatus === 202)).toBe(true);
    expect(server.exchanges[0]!.clientStatus).toBe(503);
    const stored = await expectOneProfile(p);
    expect(stored.traits).toEqual({ plan: 'pro', name: 'Jane' });
    expect(stored.events.map((e) => e.type).sort()).toEqual(['alias', 'identify', 'track']);
    expect(stored.eventCount).toBe(3);
  });
});
