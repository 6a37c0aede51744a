// The cache as the app runs it: its tail reading the feed on a timer, look-ups through the
// routes, its metrics on /metrics.
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { Express } from 'express';
import type { Metrics } from '@stratum/http';
import type { AppUnderTest, WiredApp } from '../testing/app-under-test';
import { startAppUnderTest, wireApp } from '../testing/app-under-test';
import { ingestEvents } from '../testing/seed';

const JANE = { type: 'email' as const, value: 'jane.cache@example.com' };

let t: AppUnderTest;
let cached: WiredApp;
let janeId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  cached = wireApp(t.appDb, t.log.logger, 100_000, { PROFILE_CACHE_BYTES: 1_000_000 });
  [janeId] = (await ingestEvents(t.db, t.tenant.tenant.tenantId, [
    { eventId: 'jane-1', occurredAt: new Date(), identifiers: [JANE], traits: { plan: 'free' } },
  ])) as [string];
});
afterAll(async () => {
  await cached.close();
  await t.close();
});

const get = (app: Express, path: string) => request(app).get(path).set('Authorization', t.auth);

async function lookups(metrics: Metrics, result: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric('cdp_profile_cache_lookups_total')!.get();
  return metric.values.find((v) => v.labels['result'] === result)?.value ?? 0;
}

/** Polls `check` until it holds (the tail applies the feed on its own timer). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('never held');
    await sleep(25);
  }
}

describe('profile look-ups through the cache', () => {
  it('answers from memory what the database answers, as private JSON', async () => {
    const path = `/api/v1/cdp/profiles/${janeId}`;
    const fromDatabase = await get(t.app, path);
    await eventually(async () => {
      await get(cached.app, path);
      return (await lookups(cached.metrics, 'hit')) > 0;
    });
    const fromMemory = await get(cached.app, path);
    expect(fromMemory.status).toBe(200);
    expect(fromMemory.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(fromMemory.headers['cache-control']).toBe('private, no-store');
    expect(fromMemory.text).toBe(fromDatabase.text);
    // The app whose cache is off counts every look-up as read from the database.
    expect(await lookups(t.metrics, 'bypass')).toBeGreaterThan(0);
    expect(await lookups(t.metrics, 'hit')).toBe(0);
  });

  it('answers the change once its tail has read it from the feed', async () => {
    const path = `/api/v1/cdp/profiles?identifier_type=email&identifier_value=${JANE.value}`;
    await eventually(async () => (await get(cached.app, path)).body.traits?.plan === 'free');
    await ingestEvents(t.db, t.tenant.tenant.tenantId, [
      { eventId: 'jane-2', occurredAt: new Date(), identifiers: [JANE], traits: { plan: 'pro' } },
    ]);
    await eventually(async () => (await get(cached.app, path)).body.traits?.plan === 'pro');
    expect((await get(cached.app, path)).body).toEqual((await get(t.app, path)).body);
  });

  it('reports its size and lag on /metrics', async () => {
    // Asked again until kept (an answer is kept on its second miss while the tail is fresh).
    const path = `/api/v1/cdp/profiles/${janeId}`;
    await eventually(async () => {
      await get(cached.app, path);
      return /^cdp_profile_cache_entries [1-9]/m.test(await cached.metrics.registry.metrics());
    });
    const text = await cached.metrics.registry.metrics();
    expect(text).toMatch(/^cdp_profile_cache_entries [1-9]/m);
    expect(text).toMatch(/^cdp_profile_cache_bytes [1-9]/m);
    expect(text).toMatch(/^cdp_profile_cache_lag_seconds \d/m);
  });
});
