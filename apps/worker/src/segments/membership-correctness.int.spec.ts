// Membership kept by the change feed must equal membership computed from scratch, after any
// mix of events, merges, consents and definition changes.
import { compareChangeCursors, findChangeCursor, formatChangeCursor } from '@stratum/changes';
import type { ConsentPurpose, Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createSegment, listSegments, selectMemberIds, updateSegment } from '@stratum/segments';
import { ingestEvents, recordConsent } from '@stratum/segments/testing';
import type { IngestedEvent } from '@stratum/segments/testing';
import fc from 'fast-check';
import { SEGMENT_MEMBERSHIP_TASK, runSegmentMembership } from './membership.task';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
}, 60_000);
afterAll(() => database.destroy());

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const { logger } = createTestLogger('error');

const DEFINITIONS: unknown[] = [
  { trait: 'plan', op: 'eq', value: 'pro' },
  { event: 'Order Completed', count: { op: 'gte', value: 2 }, within_days: 30 },
  { all: [{ consent: 'marketing', status: 'granted' }, { identifier: 'phone' }] },
  { any: [{ trait: 'age', op: 'gt', value: 40 }, { not: { last_seen: { within_days: 10 } } }] },
  { event: 'Page Viewed', where: [{ property: 'revenue', op: 'gt', value: 100 }] },
  { not: { event: 'Order Completed' } },
  {
    all: [
      { consent: 'analytics', status: 'denied' },
      { trait: 'plan', op: 'exists' },
    ],
  },
];

const identifierArb = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((i) => ({ type: 'email' as const, value: `u${i}@x.test` })),
  fc.integer({ min: 0, max: 3 }).map((i) => ({ type: 'phone' as const, value: `+3361234560${i}` })),
);

const eventArb: fc.Arbitrary<IngestedEvent> = fc.record({
  identifiers: fc.uniqueArray(identifierArb, {
    minLength: 1,
    maxLength: 2,
    selector: (i) => `${i.type}:${i.value}`,
  }),
  occurredAt: fc.integer({ min: 0, max: 40 }).map((days) => new Date(NOW.getTime() - days * DAY)),
  name: fc.constantFrom('Order Completed', 'Page Viewed'),
  traits: fc.option(
    fc.record(
      { plan: fc.constantFrom('pro', 'free'), age: fc.integer({ min: 20, max: 60 }) },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  properties: fc.record({ revenue: fc.integer({ min: 0, max: 300 }) }),
});

type Step =
  | { kind: 'events'; events: IngestedEvent[] }
  | { kind: 'consent'; pick: number; purpose: ConsentPurpose; granted: boolean }
  | { kind: 'define'; segment: number; definition: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('events' as const),
      events: fc.array(eventArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('consent' as const),
      pick: fc.nat(),
      purpose: fc.constantFrom<ConsentPurpose>('marketing', 'analytics'),
      granted: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('define' as const),
      segment: fc.integer({ min: 0, max: 2 }),
      definition: fc.integer({ min: 0, max: DEFINITIONS.length - 1 }),
    }),
  },
);

async function survivors(tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cdp_profiles')
    .select('profile_id')
    .where('tenant_id', '=', tenantId)
    .where('merged_into', 'is', null)
    .orderBy('profile_id')
    .execute();
  return rows.map((r) => r.profile_id);
}

async function apply(tenantId: string, segmentIds: string[], step: Step): Promise<void> {
  if (step.kind === 'events') {
    await ingestEvents(db, tenantId, step.events);
  } else if (step.kind === 'consent') {
    const profiles = await survivors(tenantId);
    if (profiles.length === 0) return;
    await recordConsent(db, tenantId, profiles[step.pick % profiles.length]!, {
      purpose: step.purpose,
      status: step.granted ? 'granted' : 'denied',
      occurredAt: new Date(NOW.getTime() - DAY),
    });
  } else {
    const result = await updateSegment(
      db,
      tenantId,
      segmentIds[step.segment]!,
      { definition: DEFINITIONS[step.definition] },
      { now: NOW },
    );
    if (!result.ok) throw new Error(result.error);
  }
}

/** Runs the consumer until its cursor is past every change of the tenant. */
async function catchUp(tenantId: string): Promise<void> {
  const last = await db
    .selectFrom('cdp_changes')
    .select(['xid', 'change_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('xid', 'desc')
    .orderBy('change_id', 'desc')
    .executeTakeFirst();
  const target = last && formatChangeCursor(last.xid, last.change_id);
  const deadline = Date.now() + 10_000;
  for (;;) {
    await runSegmentMembership({ db, logger, batchSize: 7 }, NOW);
    const cursor = await findChangeCursor(db, SEGMENT_MEMBERSHIP_TASK);
    if (target === undefined || (cursor && compareChangeCursors(cursor, target) >= 0)) return;
    if (Date.now() > deadline) throw new Error('the consumer did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function expectMembershipFromScratch(tenantId: string): Promise<void> {
  for (const segment of await listSegments(db, tenantId)) {
    const stored = await db
      .selectFrom('cdp_segment_members')
      .select('profile_id')
      .where('tenant_id', '=', tenantId)
      .where('segment_id', '=', segment.segmentId)
      .orderBy('profile_id')
      .execute();
    const scratch = await selectMemberIds(db, tenantId, segment.definition, { now: NOW })
      .orderBy('p.profile_id')
      .execute();
    expect({ segment: segment.definition, members: stored.map((r) => r.profile_id) }).toEqual({
      segment: segment.definition,
      members: scratch.map((r) => r.profile_id),
    });
    // The log replays to the members: entries and exits alternate, starting with an entry.
    const log = await db
      .selectFrom('cdp_segment_membership_log')
      .select(['profile_id', 'change'])
      .where('tenant_id', '=', tenantId)
      .where('segment_id', '=', segment.segmentId)
      .orderBy('log_id')
      .execute();
    const replayed = new Set<string>();
    for (const { profile_id, change } of log) {
      expect({ profile_id, change, member: replayed.has(profile_id) }).toEqual({
        profile_id,
        change,
        member: change === 'exited',
      });
      if (change === 'entered') replayed.add(profile_id);
      else replayed.delete(profile_id);
    }
    expect([...replayed].sort()).toEqual(stored.map((r) => r.profile_id));
  }
}

describe('membership from the change feed', () => {
  it('equals every segment computed from scratch after each step of a random history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 25 }), async (steps) => {
        const tenantId = (await createTestTenant(db)).tenant.tenantId;
        const segmentIds: string[] = [];
        for (const definition of DEFINITIONS.slice(0, 3)) {
          const created = await createSegment(
            db,
            tenantId,
            { name: 'S', definition },
            { now: NOW },
          );
          if (!created.ok) throw new Error(created.error);
          segmentIds.push(created.value.segmentId);
        }
        for (const step of steps) {
          await apply(tenantId, segmentIds, step);
          await catchUp(tenantId);
          await expectMembershipFromScratch(tenantId);
        }
      }),
      { seed: 20261124, numRuns: 8 },
    );
  }, 120_000);
});
