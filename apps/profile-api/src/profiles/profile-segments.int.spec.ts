import request from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { deleteSegment, reevaluateProfiles } from '@stratum/segments';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { hashOf, ingestEvents } from '../testing/seed';
import { createTestSegment, planIs } from '../testing/segments';

const GIL = { type: 'email' as const, value: 'gil@example.com' };

let t: AppUnderTest;
let tenantId: string;
let gilId: string;
let otherId: string;
let segments: Record<'pro' | 'french' | 'free', string>;

beforeAll(async () => {
  t = await startAppUnderTest();
  tenantId = t.tenant.tenant.tenantId;
  [gilId, otherId] = (await ingestEvents(t.db, tenantId, [
    {
      eventId: 'gil-1',
      occurredAt: '2026-05-01T00:00:00Z',
      identifiers: [GIL],
      traits: { plan: 'pro', country: 'FR' },
    },
    {
      eventId: 'hal-1',
      occurredAt: '2026-05-01T00:00:00Z',
      identifiers: [{ type: 'email', value: 'hal@example.com' }],
      traits: { plan: 'basic' },
    },
  ])) as [string, string];
  const create = (name: string, definition: unknown) =>
    createTestSegment(t.db, tenantId, { name, definition });
  segments = {
    pro: await create('Pro', planIs('pro')),
    french: await create('French', { trait: 'country', op: 'eq', value: 'FR' }),
    free: await create('Free', planIs('free')),
  };
  const doomed = await create('Doomed', planIs('pro'));
  expect(await deleteSegment(t.db, tenantId, doomed)).toBe(true);
});

afterAll(async () => {
  await t.close();
});

const get = (path: string) => request(t.app).get(path).set('Authorization', t.auth);

describe('a profile’s segments', () => {
  it('lists the live segments it is in, in id order, and no deleted one', async () => {
    const res = await get(`/api/v1/cdp/profiles/${gilId}`).expect(200);
    expect(res.body.segments).toEqual([segments.pro, segments.french].sort());
  });

  it('comes with the look-up by identifier value and by hash', async () => {
    const byId = await get(`/api/v1/cdp/profiles/${gilId}`).expect(200);
    for (const query of [
      { identifier_type: GIL.type, identifier_value: GIL.value },
      { identifier_hash: hashOf(GIL) },
    ]) {
      const res = await get('/api/v1/cdp/profiles').query(query).expect(200);
      expect(res.body.segments).toEqual(byId.body.segments);
    }
  });

  it('is empty for a profile in no segment', async () => {
    const res = await get(`/api/v1/cdp/profiles/${otherId}`).expect(200);
    expect(res.body.segments).toEqual([]);
  });

  it('follows membership: a segment left is no longer listed', async () => {
    await ingestEvents(t.db, tenantId, [
      {
        eventId: 'gil-2',
        occurredAt: '2026-05-02T00:00:00Z',
        identifiers: [GIL],
        traits: { plan: 'free' },
      },
    ]);
    await reevaluateProfiles(t.db, tenantId, [gilId], { now: new Date() });
    const res = await get(`/api/v1/cdp/profiles/${gilId}`).expect(200);
    expect(res.body.segments).toEqual([segments.french, segments.free].sort());
  });
});
