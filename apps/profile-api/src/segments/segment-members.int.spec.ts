import request from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { reevaluateProfiles } from '@stratum/segments';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import { ingestEvents } from '../testing/seed';
import { bearerWithScopes, createTestSegment, planIs } from '../testing/segments';

interface MembersBody {
  members: { profile_id: string; entered_at: string }[];
  next_cursor: string | null;
}

const CREATED_AT = new Date('2026-06-01T12:00:00.000Z');

let t: AppUnderTest;
let tenantId: string;
let auth: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  tenantId = t.tenant.tenant.tenantId;
  auth = await bearerWithScopes(t.db, tenantId, ['segments:read']);
});

afterAll(async () => {
  await t.close();
});

/** Ingests one profile per plan given; returns their ids, in order. */
function profilesWithPlans(prefix: string, plans: readonly string[]): Promise<string[]> {
  return ingestEvents(
    t.db,
    tenantId,
    plans.map((plan, i) => ({
      eventId: `${prefix}-${i}`,
      occurredAt: '2026-05-01T00:00:00Z',
      identifiers: [{ type: 'external_id' as const, value: `${prefix}-${i}` }],
      traits: { plan },
    })),
  );
}

async function page(segmentId: string, query: Record<string, string | number>) {
  const res = await request(t.app)
    .get(`/api/v1/cdp/segments/${segmentId}/members`)
    .query(query)
    .set('Authorization', auth);
  expect(res.status).toBe(200);
  return res.body as MembersBody;
}

/** Follows next_cursor to the end, calling `between` after each page. */
async function walk(
  segmentId: string,
  limit: number,
  between: (pageIndex: number) => Promise<void> = () => Promise.resolve(),
) {
  const pages: MembersBody['members'][] = [];
  let cursor: string | null = null;
  for (let index = 0; index < 100; index += 1) {
    const body = await page(segmentId, cursor === null ? { limit } : { limit, cursor });
    pages.push(body.members);
    cursor = body.next_cursor;
    if (cursor === null) return pages;
    await between(index);
  }
  throw new Error('walk: more than 100 pages');
}

describe('paging through members', () => {
  let segmentId: string;
  let expected: string[];

  beforeAll(async () => {
    const plans = Array.from({ length: 30 }, (_, i) => (i % 6 === 5 ? 'free' : 'pro'));
    const ids = await profilesWithPlans('walker', plans);
    expected = ids.filter((_, i) => plans[i] === 'pro').sort();
    segmentId = await createTestSegment(
      t.db,
      tenantId,
      { name: 'Walkers', definition: planIs('pro') },
      CREATED_AT,
    );
  });

  it('returns every member once, by profile id, with when it entered', async () => {
    const pages = await walk(segmentId, 4);
    expect(pages).toHaveLength(Math.ceil(expected.length / 4));
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
    const members = pages.flat();
    expect(members.map((m) => m.profile_id)).toEqual(expected);
    expect(new Set(members.map((m) => m.entered_at))).toEqual(new Set([CREATED_AT.toISOString()]));
  });

  it('gives no cursor after a last page that is exactly full', async () => {
    const pages = await walk(segmentId, expected.length / 5);
    expect(pages).toHaveLength(5);
    expect((await page(segmentId, { limit: expected.length })).next_cursor).toBeNull();
    expect((await page(segmentId, { limit: 1000 })).members).toHaveLength(expected.length);
  });

  it('defaults to 100 members a page', async () => {
    expect((await page(segmentId, {})).members).toHaveLength(expected.length);
  });

  it('neither repeats nor skips the members that stay while others enter and leave', async () => {
    const ids = await profilesWithPlans('churn', Array<string>(8).fill('pro'));
    const churnSegment = await createTestSegment(t.db, tenantId, {
      name: 'Churn',
      definition: { all: [planIs('pro'), { identifier: 'external_id' }] },
    });
    // After the first page one member (churn-0) leaves; after every page a newcomer enters.
    const newcomers: string[] = [];
    const pages = await walk(churnSegment, 3, async (index) => {
      if (index === 0) {
        await ingestEvents(t.db, tenantId, [
          {
            eventId: 'churn-leave',
            occurredAt: '2026-05-02T00:00:00Z',
            identifiers: [{ type: 'external_id', value: 'churn-0' }],
            traits: { plan: 'free' },
          },
        ]);
      }
      newcomers.push(...(await profilesWithPlans(`churn-new-${index}`, ['pro'])));
      await reevaluateProfiles(t.db, tenantId, [...ids, ...newcomers], { now: new Date() });
    });
    const seen = pages.flat().map((m) => m.profile_id);
    expect(new Set(seen).size).toBe(seen.length);
    const stayed = ids.filter((id) => id !== ids[0]).sort();
    expect(seen.filter((id) => stayed.includes(id))).toEqual(stayed);
  });
});

describe('an empty segment', () => {
  it('answers an empty page without a cursor', async () => {
    const segmentId = await createTestSegment(t.db, tenantId, {
      name: 'Nobody',
      definition: planIs('no such plan'),
    });
    expect(await page(segmentId, { limit: 1 })).toEqual({ members: [], next_cursor: null });
  });
});
