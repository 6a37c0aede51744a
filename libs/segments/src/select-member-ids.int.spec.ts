import { maintainPartitions } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import { selectMemberIds } from './select-member-ids';
import { NOW, buildWorld, daysAgo } from './testing/segment-world';
import type { WorldProfile } from './testing/segment-world';

const NICKNAME = 'O\'Brien \\ "$1"';

const WORLD: Record<string, WorldProfile> = {
  alice: {
    traits: {
      plan: 'pro',
      age: 34,
      signup: '2025-01-10',
      tags: ['beta', 'vip'],
      address: { city: 'Paris' },
      nickname: NICKNAME,
    },
    identifiers: ['email', 'phone'],
    firstSeen: daysAgo(400),
    lastSeen: daysAgo(2),
    events: [
      { name: 'Order Completed', at: daysAgo(5), properties: { revenue: 150, currency: 'EUR' } },
      { name: 'Order Completed', at: daysAgo(20), properties: { revenue: 120, currency: 'USD' } },
      { name: 'Order Completed', at: daysAgo(60), properties: { revenue: 500 } },
    ],
    consents: [{ purpose: 'marketing', status: 'granted', at: daysAgo(30) }],
  },
  bob: {
    traits: {
      plan: 'free',
      age: '34',
      signup: '2026-05-01T10:00:00+02:00',
      tags: 'beta tester',
      vip: false,
    },
    identifiers: ['anonymous_id', 'external_id'],
    firstSeen: daysAgo(10),
    lastSeen: daysAgo(10),
    events: [
      { name: 'Order Completed', at: daysAgo(3), properties: { revenue: 50 } },
      { name: 'Cart Viewed', at: daysAgo(1) },
    ],
    consents: [
      { purpose: 'marketing', status: 'granted', at: daysAgo(10) },
      { purpose: 'marketing', status: 'denied', at: daysAgo(5) },
    ],
  },
  carol: {
    traits: { plan: 'Pro', age: 17.5, signup: 'not a date', score: null, bad_date: '2026-02-30' },
    identifiers: ['device_id'],
    firstSeen: daysAgo(100),
    lastSeen: daysAgo(40),
  },
  // Merged into carol: her events and consents count for carol; she is never a member.
  dave: {
    traits: { plan: 'pro', age: 50 },
    firstSeen: daysAgo(50),
    lastSeen: daysAgo(1),
    mergedInto: 'carol',
    events: [
      { name: 'Order Completed', at: daysAgo(1), properties: { revenue: 200 } },
      { name: 'Order Completed', at: daysAgo(2), properties: { revenue: 300 } },
    ],
    consents: [{ purpose: 'advertising', status: 'granted', at: daysAgo(1) }],
  },
  // Local dates a day from their instants' (UTC 2025-12-31T20:00, then 2026-01-01T06:00).
  erin: {
    traits: { early: '2026-01-01T10:00:00+14:00', late: '2025-12-31T20:00:00-10:00' },
    firstSeen: daysAgo(1),
    lastSeen: daysAgo(1),
  },
};

const SPEC_EXAMPLE = {
  all: [
    { trait: 'plan', op: 'eq', value: 'pro' },
    {
      event: 'Order Completed',
      count: { op: 'gte', value: 2 },
      within_days: 30,
      where: [{ property: 'revenue', op: 'gt', value: 100 }],
    },
    { consent: 'marketing', status: 'granted' },
    { any: [{ identifier: 'email' }, { identifier: 'phone' }] },
    { not: { last_seen: { within_days: 1 } } },
  ],
};

const CASES: [string, unknown, string[]][] = [
  ['eq a string (case-sensitive)', { trait: 'plan', op: 'eq', value: 'pro' }, ['alice']],
  ['neq skips a missing trait', { trait: 'plan', op: 'neq', value: 'pro' }, ['bob', 'carol']],
  ['not eq keeps it', { not: { trait: 'plan', op: 'eq', value: 'pro' } }, ['bob', 'carol', 'erin']],
  ['eq a number is not a string', { trait: 'age', op: 'eq', value: 34 }, ['alice']],
  ['eq a string is not a number', { trait: 'age', op: 'eq', value: '34' }, ['bob']],
  ['eq a number as 34.0', { trait: 'age', op: 'eq', value: 34.0 }, ['alice']],
  ['eq false', { trait: 'vip', op: 'eq', value: false }, ['bob']],
  ['eq quotes and backslashes', { trait: 'nickname', op: 'eq', value: NICKNAME }, ['alice']],
  ['gt a number', { trait: 'age', op: 'gt', value: 18 }, ['alice']],
  ['gte a number', { trait: 'age', op: 'gte', value: 34 }, ['alice']],
  ['lt a number', { trait: 'age', op: 'lt', value: 18 }, ['carol']],
  ['lte a fraction', { trait: 'age', op: 'lte', value: 17.5 }, ['carol']],
  ['gte a date', { trait: 'signup', op: 'gte', value: '2026-01-01' }, ['bob']],
  ['lt a date', { trait: 'signup', op: 'lt', value: '2026-01-01' }, ['alice']],
  [
    'gt an instant with offsets',
    { trait: 'signup', op: 'gt', value: '2026-05-01T07:59:00Z' },
    ['bob'],
  ],
  ['gt the same instant', { trait: 'signup', op: 'gt', value: '2026-05-01T08:00:00Z' }, []],
  [
    'gte the same instant',
    { trait: 'signup', op: 'gte', value: '2026-05-01T10:00:00+02:00' },
    ['bob'],
  ],
  ['an impossible date never matches', { trait: 'bad_date', op: 'lt', value: '2030-01-01' }, []],
  [
    'lt: a local date after the bound’s',
    { trait: 'early', op: 'lt', value: '2025-12-31T23:00:00Z' },
    ['erin'],
  ],
  [
    'gt: a local date before the bound’s',
    { trait: 'late', op: 'gt', value: '2026-01-01T05:00:00Z' },
    ['erin'],
  ],
  ['lte: the instant after', { trait: 'late', op: 'lte', value: '2026-01-01' }, []],
  ['gte: the instant before', { trait: 'early', op: 'gte', value: '2026-01-01' }, []],
  [
    'contains a substring or an element',
    { trait: 'tags', op: 'contains', value: 'beta' },
    ['alice', 'bob'],
  ],
  ['contains an element', { trait: 'tags', op: 'contains', value: 'vip' }, ['alice']],
  ['contains is case-sensitive', { trait: 'tags', op: 'contains', value: 'Beta' }, []],
  ['in strings', { trait: 'plan', op: 'in', value: ['pro', 'free'] }, ['alice', 'bob']],
  ['in numbers', { trait: 'age', op: 'in', value: [34, 99] }, ['alice']],
  ['a nested path', { trait: 'address.city', op: 'eq', value: 'Paris' }, ['alice']],
  ['an array index', { trait: 'tags.1', op: 'eq', value: 'vip' }, ['alice']],
  ['exists', { trait: 'address.city', op: 'exists' }, ['alice']],
  ['null does not exist', { trait: 'score', op: 'exists' }, []],
  ['not exists', { not: { trait: 'score', op: 'exists' } }, ['alice', 'bob', 'carol', 'erin']],
  ['an event, across merged ids', { event: 'Order Completed' }, ['alice', 'bob', 'carol']],
  [
    'an event within days',
    { event: 'Order Completed', within_days: 10 },
    ['alice', 'bob', 'carol'],
  ],
  [
    'a count within days',
    { event: 'Order Completed', within_days: 30, count: { op: 'gte', value: 2 } },
    ['alice', 'carol'],
  ],
  [
    'a property filter',
    {
      event: 'Order Completed',
      within_days: 30,
      where: [{ property: 'revenue', op: 'gt', value: 100 }],
    },
    ['alice', 'carol'],
  ],
  [
    'a property in',
    { event: 'Order Completed', where: [{ property: 'currency', op: 'in', value: ['EUR'] }] },
    ['alice'],
  ],
  ['count eq 0', { event: 'Order Completed', count: { op: 'eq', value: 0 } }, ['erin']],
  ['count lte 0', { event: 'Order Completed', count: { op: 'lte', value: 0 } }, ['erin']],
  ['count lt 1', { event: 'Order Completed', count: { op: 'lt', value: 1 } }, ['erin']],
  ['count gt 0', { event: 'Cart Viewed', count: { op: 'gt', value: 0 } }, ['bob']],
  [
    'count lt 3',
    { event: 'Order Completed', count: { op: 'lt', value: 3 } },
    ['bob', 'carol', 'erin'],
  ],
  ['count eq 3', { event: 'Order Completed', count: { op: 'eq', value: 3 } }, ['alice']],
  [
    'count neq 2',
    { event: 'Order Completed', count: { op: 'neq', value: 2 } },
    ['alice', 'bob', 'erin'],
  ],
  ['count gt 2', { event: 'Order Completed', count: { op: 'gt', value: 2 } }, ['alice']],
  [
    'count lte 2',
    { event: 'Order Completed', count: { op: 'lte', value: 2 } },
    ['bob', 'carol', 'erin'],
  ],
  ['an identifier', { identifier: 'email' }, ['alice']],
  ['a device id', { identifier: 'device_id' }, ['carol']],
  ['consent granted', { consent: 'marketing', status: 'granted' }, ['alice']],
  ['consent denied, the latest decision', { consent: 'marketing', status: 'denied' }, ['bob']],
  ['consent of a merged profile', { consent: 'advertising', status: 'granted' }, ['carol']],
  [
    'not granted includes no decision',
    { not: { consent: 'marketing', status: 'granted' } },
    ['bob', 'carol', 'erin'],
  ],
  ['first seen within', { first_seen: { within_days: 30 } }, ['bob', 'erin']],
  ['first seen before', { first_seen: { before_days: 365 } }, ['alice']],
  ['last seen within', { last_seen: { within_days: 7 } }, ['alice', 'erin']],
  ['last seen before', { last_seen: { before_days: 7 } }, ['bob', 'carol']],
  ['SPEC §17 example', SPEC_EXAMPLE, ['alice']],
  [
    'nested any, all and not',
    {
      any: [
        { all: [{ identifier: 'email' }, { trait: 'age', op: 'gt', value: 18 }] },
        { not: { any: [{ event: 'Order Completed' }, { identifier: 'device_id' }] } },
      ],
    },
    ['alice', 'erin'],
  ],
  ['a lone trait at the root', { schema: 1, trait: 'plan', op: 'in', value: ['free'] }, ['bob']],
];

describe('selectMemberIds', () => {
  let test: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;
  let ids: Record<string, string>;
  let otherIds: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase();
    await maintainPartitions(test.db, { now: NOW, monthsBehind: 14, monthsAhead: 1 });
    tenantId = (await createTestTenant(test.db)).tenant.tenantId;
    otherTenantId = (await createTestTenant(test.db)).tenant.tenantId;
    ids = await buildWorld(test.db, tenantId, WORLD);
    // Another tenant with the same profiles: none of them may ever match for the first.
    otherIds = await buildWorld(test.db, otherTenantId, WORLD);
  });

  afterAll(() => test.destroy());

  async function members(tenant: string, input: unknown, profileIds?: string[]) {
    const definition = SegmentDefinitionSchema.parse(input);
    const rows = await selectMemberIds(test.db, tenant, definition, {
      now: NOW,
      profileIds,
    }).execute();
    return rows.map((row) => row.profile_id);
  }

  function names(profileIds: string[], of: Record<string, string>): string[] {
    const byId = new Map(Object.entries(of).map(([name, id]) => [id, name]));
    return profileIds.map((id) => byId.get(id) ?? `foreign:${id}`).sort();
  }

  it.each(CASES)('%s', async (_label, definition, expected) => {
    expect(names(await members(tenantId, definition), ids)).toEqual(expected);
    expect(names(await members(otherTenantId, definition), otherIds)).toEqual(expected);
    // One profile at a time (re-evaluating touched profiles) gives the same answer.
    const everyone = [...Object.values(ids), ...Object.values(otherIds)];
    expect(names(await members(tenantId, definition, everyone), ids)).toEqual(expected);
  });

  it('evaluates only the given profiles', async () => {
    const definition = { event: 'Order Completed' };
    expect(names(await members(tenantId, definition, [ids['bob']!, ids['erin']!]), ids)).toEqual([
      'bob',
    ]);
    // A merged-away id or another tenant's id is never a member, even when asked for.
    expect(await members(tenantId, definition, [ids['dave']!, otherIds['alice']!])).toEqual([]);
    expect(await members(tenantId, definition, [])).toEqual([]);
  });

  it('measures windows from the given now', async () => {
    const definition = SegmentDefinitionSchema.parse({ event: 'Cart Viewed', within_days: 1 });
    const at = (now: Date) => selectMemberIds(test.db, tenantId, definition, { now }).execute();
    expect(await at(NOW)).toHaveLength(1);
    expect(await at(new Date(NOW.getTime() + 60_000))).toHaveLength(0);
  });
});
