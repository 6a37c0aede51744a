import request from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { recomputeSegment, reevaluateProfiles, updateSegment } from '@stratum/segments';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { ingestEvents } from '../testing/seed';
import { bearerWithScopes, createTestSegment, planIs } from '../testing/segments';

interface Change {
  profile_id: string;
  change: 'entered' | 'exited';
  at: string;
  version: number;
}

interface ChangesBody {
  changes: Change[];
  next_cursor: string;
  has_more: boolean;
}

const T1 = new Date('2026-06-01T10:00:00.000Z');
const T2 = new Date('2026-06-02T10:00:00.000Z');
const T3 = new Date('2026-06-03T10:00:00.000Z');

let t: AppUnderTest;
let tenantId: string;
let auth: string;
let ingested = 0;

beforeAll(async () => {
  t = await startAppUnderTest();
  tenantId = t.tenant.tenant.tenantId;
  auth = await bearerWithScopes(t.db, tenantId, ['segments:read']);
});

afterAll(async () => {
  await t.close();
});

/** Ingests (or updates) one profile per plan, keyed by `prefix-i`; returns their ids. */
function withPlans(prefix: string, plans: readonly string[]): Promise<string[]> {
  return ingestEvents(
    t.db,
    tenantId,
    plans.map((plan, i) => ({
      eventId: `${prefix}-${i}-${(ingested += 1)}`,
      occurredAt: '2026-05-01T00:00:00Z',
      identifiers: [{ type: 'external_id' as const, value: `${prefix}-${i}` }],
      traits: { plan },
    })),
  );
}

async function page(segmentId: string, query: Record<string, string | number>) {
  const res = await request(t.app)
    .get(`/api/v1/cdp/segments/${segmentId}/changes`)
    .query(query)
    .set('Authorization', auth);
  expect(res.status).toBe(200);
  return res.body as ChangesBody;
}

/** Reads pages until has_more is false; returns the pages and the last cursor. */
async function walk(segmentId: string, query: Record<string, string | number>) {
  const pages: Change[][] = [];
  let cursor: string | undefined;
  for (let index = 0; index < 200; index += 1) {
    const body = await page(segmentId, cursor === undefined ? query : { ...query, cursor });
    pages.push(body.changes);
    cursor = body.next_cursor;
    if (!body.has_more) return { pages, cursor };
  }
  throw new Error('walk: more than 200 pages');
}

describe('a segment’s history', () => {
  let segmentId: string;
  let ids: string[];
  let all: Change[];

  beforeAll(async () => {
    // T1: ten profiles, seven on pro, enter version 1. T2: three of them leave pro.
    // T3: version 2 also takes the team plan: the three on team enter.
    const plans = ['pro', 'pro', 'team', 'pro', 'pro', 'team', 'pro', 'pro', 'team', 'pro'];
    ids = await withPlans('h', plans);
    segmentId = await createTestSegment(
      t.db,
      tenantId,
      { name: 'History', definition: planIs('pro') },
      T1,
    );
    await withPlans(
      'h',
      plans.map((plan, i) => (i < 3 ? 'free' : plan)),
    );
    await reevaluateProfiles(t.db, tenantId, ids, { now: T2 });
    const updated = await updateSegment(
      t.db,
      tenantId,
      segmentId,
      { definition: { any: [planIs('pro'), planIs('team')] } },
      { now: T3 },
    );
    expect(updated.ok).toBe(true);
    all = (await page(segmentId, { limit: 1000 })).changes;
  });

  it('lists every entry and exit in the order they were recorded', () => {
    const entered = (at: Date, version: number, profileIds: string[]): unknown =>
      expect.arrayContaining(
        profileIds.map((profileId) => ({
          profile_id: profileId,
          change: 'entered',
          at: at.toISOString(),
          version,
        })),
      );
    expect(all).toHaveLength(7 + 2 + 2);
    const pro = ids.filter((_, i) => [0, 1, 3, 4, 6, 7, 9].includes(i));
    expect(all.slice(0, 7)).toEqual(entered(T1, 1, pro));
    expect(all.slice(7, 9)).toEqual(
      expect.arrayContaining(
        [ids[0], ids[1]].map((profileId) => ({
          profile_id: profileId,
          change: 'exited',
          at: T2.toISOString(),
          version: 1,
        })),
      ),
    );
    expect(all.slice(9)).toEqual(entered(T3, 2, [ids[5]!, ids[8]!]));
  });

  it.each([1, 2, 3, 4, 11, 12])(
    'pages with limit %i to the end without repeating or skipping an entry',
    async (limit) => {
      const { pages } = await walk(segmentId, { limit });
      expect(pages.flat()).toEqual(all);
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(all.length / limit)));
    },
  );

  it('keeps only the entries at or after since, on every page', async () => {
    const since = T2.toISOString();
    const { pages } = await walk(segmentId, { since, limit: 2 });
    expect(pages.flat()).toEqual(all.filter((c) => c.at >= since));
    expect(pages.flat()).toHaveLength(4);
    // An offset is an instant: 11:00+01:00 is T2 itself.
    const offset = await page(segmentId, { since: '2026-06-02T11:00:00+01:00' });
    expect(offset.changes).toEqual(all.filter((c) => c.at >= since));
    expect((await page(segmentId, { since: '2026-06-03T10:00:00.001Z' })).changes).toEqual([]);
  });

  it('resumes from the last cursor with what was recorded since, and only that', async () => {
    const { cursor } = await walk(segmentId, { limit: 5 });
    const caughtUp = await page(segmentId, { cursor });
    expect(caughtUp).toEqual({ changes: [], next_cursor: cursor, has_more: false });

    await withPlans('h', ['pro', 'pro']);
    await reevaluateProfiles(t.db, tenantId, ids, { now: T3 });
    const later = await page(segmentId, { cursor });
    expect(later.changes.map((c) => [c.profile_id, c.change]).sort()).toEqual(
      [ids[0]!, ids[1]!].map((id) => [id, 'entered']).sort(),
    );
    expect(later.has_more).toBe(false);
    expect((await page(segmentId, { cursor: later.next_cursor })).changes).toEqual([]);
  });
});

describe('entries whose time is earlier than those before them', () => {
  it('come after them, by the order recorded, and since still filters them by time', async () => {
    const ids = await withPlans('skew', ['vip', 'vip']);
    const segmentId = await createTestSegment(
      t.db,
      tenantId,
      { name: 'Skewed', definition: planIs('vip') },
      T3,
    );
    // A worker whose clock is behind: its evaluation is dated before the entries above.
    await withPlans('skew', ['vip', 'free']);
    await recomputeSegment(t.db, tenantId, segmentId, { now: T1 });
    const { pages } = await walk(segmentId, { limit: 1 });
    expect(pages.flat().map((c) => [c.change, c.at])).toEqual([
      ['entered', T3.toISOString()],
      ['entered', T3.toISOString()],
      ['exited', T1.toISOString()],
    ]);
    expect(pages.flat()[2]!.profile_id).toBe(ids[1]);
    const since = await walk(segmentId, { limit: 1, since: T2.toISOString() });
    expect(since.pages.flat().map((c) => c.change)).toEqual(['entered', 'entered']);
  });
});

describe('a segment without changes', () => {
  it('answers an empty page with a cursor to come back with', async () => {
    const segmentId = await createTestSegment(t.db, tenantId, {
      name: 'Quiet',
      definition: planIs('no such plan'),
    });
    const first = await page(segmentId, {});
    expect(first).toEqual({ changes: [], next_cursor: expect.any(String), has_more: false });
    expect((await page(segmentId, { cursor: first.next_cursor })).changes).toEqual([]);
  });
});
