import request from 'supertest';
import { maintainPartitions } from '@stratum/db';
import { asReadonly, readOnly } from '../read-only/read-only-db';
import type { AppUnderTest } from '../testing/app-under-test';
import { startAppUnderTest } from '../testing/app-under-test';
import type { SeedEvent } from '../testing/seed';
import { ingestEvents } from '../testing/seed';
import { eventsPageSelect } from './event.repository';

interface EventBody {
  event_id: string;
  timestamp: string;
  name: string | null;
  profile_id: string;
}

const WALKER = { type: 'email' as const, value: 'walker@example.com' };
const WALKER_ANON = { type: 'anonymous_id' as const, value: 'anon-walker' };

let t: AppUnderTest;
let tenantId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  tenantId = t.tenant.tenant.tenantId;
  // Month partitions for January to May 2026, so from/to can be seen pruning them.
  await maintainPartitions(t.db, {
    now: new Date('2026-03-15T00:00:00Z'),
    monthsBehind: 2,
    monthsAhead: 2,
  });
});

afterAll(async () => {
  await t.close();
});

async function page(profileId: string, query: Record<string, string | number>) {
  const res = await request(t.app)
    .get(`/api/v1/cdp/profiles/${profileId}/events`)
    .query(query)
    .set('Authorization', t.auth);
  expect(res.status).toBe(200);
  return res.body as { events: EventBody[]; next_cursor: string | null };
}

/** Follows next_cursor to the end, calling `between` after each page. */
async function walk(
  profileId: string,
  query: Record<string, string | number>,
  between: (pageIndex: number) => Promise<void> = () => Promise.resolve(),
) {
  const seen: EventBody[] = [];
  let cursor: string | null = null;
  for (let index = 0; index < 100; index += 1) {
    const body = await page(profileId, cursor === null ? query : { ...query, cursor });
    seen.push(...body.events);
    cursor = body.next_cursor;
    if (cursor === null) return seen;
    await between(index);
  }
  throw new Error('walk: more than 100 pages');
}

describe('pagination', () => {
  let survivor: string;
  const expected: string[] = [];

  beforeAll(async () => {
    // 20 events of a known visitor and 10 of an anonymous one, three to a timestamp (ties are
    // broken by event_id), then a login that merges the two profiles.
    const base = Date.parse('2026-04-01T00:00:00.000Z');
    const at = (minute: number) => new Date(base + Math.floor(minute / 3) * 3 * 60_000);
    const known: SeedEvent[] = Array.from({ length: 20 }, (_, i) => ({
      eventId: `w-${String(i).padStart(2, '0')}`,
      occurredAt: at(i * 2),
      identifiers: [WALKER],
    }));
    const anonymous: SeedEvent[] = Array.from({ length: 10 }, (_, i) => ({
      eventId: `a-${String(i).padStart(2, '0')}`,
      occurredAt: at(i * 4 + 1),
      identifiers: [WALKER_ANON],
    }));
    [survivor] = (await ingestEvents(t.db, tenantId, known)) as [string];
    await ingestEvents(t.db, tenantId, anonymous);
    const login = { eventId: 'login', occurredAt: at(60), identifiers: [WALKER, WALKER_ANON] };
    await ingestEvents(t.db, tenantId, [login]);
    const all = [...known, ...anonymous, login];
    all.sort((x, y) => {
      const byTime = new Date(y.occurredAt).getTime() - new Date(x.occurredAt).getTime();
      return byTime !== 0 ? byTime : y.eventId < x.eventId ? -1 : 1;
    });
    expected.push(...all.map((e) => e.eventId));
  });

  it('defaults to 50 events, newest first, across merged ids', async () => {
    const body = await page(survivor, {});
    expect(body.events.map((e) => e.event_id)).toEqual(expected);
    expect(body.next_cursor).toBeNull();
    expect(new Set(body.events.map((e) => e.profile_id)).size).toBe(2);
  });

  it('walks every event exactly once across pages while new events arrive', async () => {
    let arrivals = 0;
    const seen = await walk(survivor, { limit: 7 }, async () => {
      arrivals += 1;
      await ingestEvents(t.db, tenantId, [
        { eventId: `late-${arrivals}`, occurredAt: new Date(), identifiers: [WALKER] },
        { eventId: `late-anon-${arrivals}`, occurredAt: new Date(), identifiers: [WALKER_ANON] },
      ]);
    });
    expect(arrivals).toBe(Math.ceil(expected.length / 7) - 1);
    expect(seen.map((e) => e.event_id)).toEqual(expected);

    const fresh = await walk(survivor, { limit: 1000 });
    expect(fresh).toHaveLength(expected.length + 2 * arrivals);
    expect(fresh.slice(2 * arrivals).map((e) => e.event_id)).toEqual(expected);
  });

  it('gives no cursor after a last page that is exactly full', async () => {
    const exact = { type: 'external_id' as const, value: 'exact-1' };
    const [profileId] = (await ingestEvents(
      t.db,
      tenantId,
      [1, 2, 3, 4].map((day) => ({
        eventId: `x-${day}`,
        occurredAt: `2026-04-0${day}T00:00:00Z`,
        identifiers: [exact],
      })),
    )) as [string];
    const first = await page(profileId, { limit: 2 });
    expect(first.events.map((e) => e.event_id)).toEqual(['x-4', 'x-3']);
    expect(first.next_cursor).not.toBeNull();
    const last = await page(profileId, { limit: 2, cursor: first.next_cursor! });
    expect(last.events.map((e) => e.event_id)).toEqual(['x-2', 'x-1']);
    expect(last.next_cursor).toBeNull();
    expect((await page(profileId, { limit: 4 })).next_cursor).toBeNull();
  });

  it('keeps microseconds in the cursor, so events within one millisecond are not repeated', async () => {
    const micro = { type: 'external_id' as const, value: 'micro-1' };
    const [profileId] = (await ingestEvents(
      t.db,
      tenantId,
      ['000100', '000200', '000300', '000400'].map((us, i) => ({
        eventId: `us-${i}`,
        occurredAt: `2026-04-20T12:00:00.${us}Z`,
        identifiers: [micro],
      })),
    )) as [string];
    const seen = await walk(profileId, { limit: 1 });
    expect(seen.map((e) => e.event_id)).toEqual(['us-3', 'us-2', 'us-1', 'us-0']);
  });
});

describe('filters', () => {
  let profileId: string;

  beforeAll(async () => {
    const filtered = { type: 'external_id' as const, value: 'filtered-1' };
    const event = (eventId: string, occurredAt: string, name: string) => ({
      eventId,
      occurredAt,
      name,
      identifiers: [filtered],
    });
    [profileId] = (await ingestEvents(t.db, tenantId, [
      event('jan', '2026-01-20T00:00:00.000Z', 'Page Viewed'),
      event('feb-start', '2026-02-01T00:00:00.000Z', 'Page Viewed'),
      event('feb-mid', '2026-02-14T12:00:00.000Z', 'Order Completed'),
      event('feb-end', '2026-02-28T23:59:59.999Z', 'Page Viewed'),
      event('mar-start', '2026-03-01T00:00:00.000Z', 'Order Completed'),
      event('apr', '2026-04-02T00:00:00.000Z', 'Page Viewed'),
    ])) as [string];
  });

  const ids = (body: { events: EventBody[] }) => body.events.map((e) => e.event_id);

  it('keeps from inclusive and to exclusive', async () => {
    const body = await page(profileId, {
      from: '2026-02-01T00:00:00Z',
      to: '2026-03-01T00:00:00Z',
    });
    expect(ids(body)).toEqual(['feb-end', 'feb-mid', 'feb-start']);
  });

  it('reads offsets as instants', async () => {
    const body = await page(profileId, {
      from: '2026-02-01T01:00:00+01:00',
      to: '2026-02-28T19:00:00-05:00',
    });
    expect(ids(body)).toEqual(['feb-end', 'feb-mid', 'feb-start']);
  });

  it('accepts from or to alone', async () => {
    expect(ids(await page(profileId, { from: '2026-03-01T00:00:00Z' }))).toEqual([
      'apr',
      'mar-start',
    ]);
    expect(ids(await page(profileId, { to: '2026-02-01T00:00:00Z' }))).toEqual(['jan']);
  });

  it('filters by name, combined with the time range and pagination', async () => {
    expect(ids(await page(profileId, { name: 'Order Completed' }))).toEqual([
      'mar-start',
      'feb-mid',
    ]);
    const seen = await walk(profileId, {
      name: 'Page Viewed',
      to: '2026-03-01T00:00:00Z',
      limit: 1,
    });
    expect(seen.map((e) => e.event_id)).toEqual(['feb-end', 'feb-start', 'jan']);
  });

  it('prunes the partitions outside from/to', async () => {
    const relations = async (range: { from?: string; to?: string }) => {
      const plan = await readOnly(asReadonly(t.appDb), (trx) =>
        eventsPageSelect(trx, { tenantId, profileIds: [profileId], limit: 50, ...range }).explain(
          'json',
        ),
      );
      return [...JSON.stringify(plan).matchAll(/"Relation Name":"(cdp_events[a-z0-9_]*)"/g)]
        .map((m) => m[1])
        .sort();
    };
    expect(await relations({ from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual([
      'cdp_events_p2026_02',
    ]);
    expect(await relations({ from: '2026-02-10T00:00:00Z', to: '2026-03-10T00:00:00Z' })).toEqual([
      'cdp_events_p2026_02',
      'cdp_events_p2026_03',
    ]);
    const unbounded = await relations({});
    expect(unbounded).toEqual(
      expect.arrayContaining(['cdp_events_default', 'cdp_events_p2026_02']),
    );
  });
});
