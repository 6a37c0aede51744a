import { createHash } from 'node:crypto';
import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { IDENTIFIER_TYPES } from '@stratum/identity';
import fc from 'fast-check';
import { identifierKey } from '../planner/identifier-key';
import type {
  EventAssignment,
  HashedIdentifier,
  IdentifierLimits,
  ResolutionEvent,
  ResolutionPlan,
} from '../planner/resolution.types';
import { resolveBatch } from './resolve-batch';

// The property the executor promises (docs/ARCHITECTURE.md): a batch is resolved exactly as
// if its events had come one by one, in order. Profile ids differ between the two runs, so
// each profile is named by the identifiers it ends up with.

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

const BASE = Date.parse('2026-05-01T10:00:00Z');
const MINUTE = 60_000;

// Few values per type, so that events share identifiers: links, merges and limits happen.
const identifierArb: fc.Arbitrary<HashedIdentifier> = fc
  .record({ type: fc.constantFrom(...IDENTIFIER_TYPES), n: fc.nat(3) })
  .map(({ type, n }) => ({
    type,
    hash: createHash('sha256').update(`${type}:${n}`).digest('hex'),
  }));

// Junk as ingestion lets it through: any JSON, quotes, backslashes, any Unicode but NUL
// (which PostgreSQL text cannot hold), keys that mean something to JavaScript or SQL.
const junkStringArb = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom("'", "\\'", '\\', '"', "E'; DROP TABLE cdp_events; --", '$$', '𝄞✓'),
  )
  .filter((s) => !s.includes('\0'));
const junkValueArb: fc.Arbitrary<unknown> = fc.oneof(
  junkStringArb,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkStringArb, { maxLength: 3 }),
  fc.dictionary(junkStringArb, junkStringArb, { maxKeys: 2 }),
);
const traitKeyArb = fc.oneof(
  fc.constantFrom('plan', 'name', 'seats', 'constructor', 'toString', "it's", 'a\\b'),
  junkStringArb.filter((s) => s.length > 0),
);
const traitsArb = fc.option(fc.dictionary(traitKeyArb, junkValueArb, { maxKeys: 3 }), {
  nil: undefined,
});

const eventArb = fc.record({
  identifiers: fc.uniqueArray(identifierArb, {
    minLength: 1,
    maxLength: 3,
    selector: (i) => identifierKey(i.type, i.hash),
  }),
  // Whole minutes: identifiers' last sightings are kept to the minute (see
  // identifierWritesToApply), a documented difference this property is not about.
  minute: fc.nat(20),
  traits: traitsArb,
  traitsOnce: traitsArb,
});

const limitsArb: fc.Arbitrary<IdentifierLimits> = fc
  .dictionary(fc.constantFrom(...IDENTIFIER_TYPES), fc.integer({ min: 1, max: 2 }), {
    maxKeys: 3,
  })
  .map((limits) => limits as IdentifierLimits);

const batchArb = fc.record({
  limits: limitsArb,
  // Resolved one by one in both tenants first: the batch then meets known profiles, links
  // and limited identifiers, as it does in production.
  history: fc.array(eventArb, { maxLength: 6 }),
  events: fc.array(eventArb, { minLength: 1, maxLength: 12 }),
});

type Batch = typeof batchArb extends fc.Arbitrary<infer T> ? T : never;

function toEvents(events: Batch['events'], prefix: string): ResolutionEvent[] {
  return events.map((e, i): ResolutionEvent => ({
    eventId: `${prefix}${i}`,
    occurredAt: new Date(BASE + e.minute * MINUTE),
    identifiers: e.identifiers,
    traits: e.traits ?? null,
    traitsOnce: e.traitsOnce ?? null,
  }));
}

async function resolveIn(
  db: Db,
  tenantId: string,
  limits: IdentifierLimits,
  events: readonly ResolutionEvent[],
): Promise<ResolutionPlan> {
  return db.transaction().execute((trx) => resolveBatch(trx, { tenantId, events, limits }));
}

/** The tenant's live profiles, each named by its sorted identifier keys. */
async function namesOf(db: Db, tenantId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('cdp_profile_identifiers')
    .select(['identifier_type', 'identifier_hash', 'profile_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const keys = new Map<string, string[]>();
  for (const r of rows) {
    const list = keys.get(r.profile_id) ?? [];
    list.push(identifierKey(r.identifier_type, r.identifier_hash));
    keys.set(r.profile_id, list);
  }
  return new Map([...keys].map(([id, list]) => [id, list.sort().join(' ')]));
}

/** What the tenant's data says, with each profile named by its sorted identifier keys. */
async function snapshot(db: Db, tenantId: string, assignments: readonly string[]) {
  const identifiers = await db
    .selectFrom('cdp_profile_identifiers')
    .select(['identifier_type', 'identifier_hash', 'profile_id', 'first_seen_at', 'last_seen_at'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const profiles = await db
    .selectFrom('cdp_profiles')
    .select([
      'profile_id',
      'merged_into',
      'traits',
      'trait_timestamps',
      'event_count',
      'first_seen_at',
      'last_seen_at',
    ])
    .where('tenant_id', '=', tenantId)
    .execute();
  const merges = await db
    .selectFrom('cdp_profile_merges as m')
    .leftJoin('cdp_profile_merge_identifiers as i', (join) =>
      join
        .onRef('i.tenant_id', '=', 'm.tenant_id')
        .onRef('i.merged_profile_id', '=', 'm.merged_profile_id'),
    )
    .select(['m.event_id', 'm.merged_profile_id', 'i.identifier_type', 'i.identifier_hash'])
    .where('m.tenant_id', '=', tenantId)
    .execute();
  const refused = await db
    .selectFrom('cdp_refused_merges')
    .select(['profile_a_id', 'profile_b_id', 'reason'])
    .where('tenant_id', '=', tenantId)
    .execute();

  const names = await namesOf(db, tenantId);
  const survivor = (id: string): string => {
    const merged = profiles.find((p) => p.profile_id === id)?.merged_into;
    return merged === null || merged === undefined ? id : survivor(merged);
  };
  const name = (id: string) => names.get(survivor(id)) ?? '';
  const merged = new Map<string, { eventId: string | null; identifiers: string[] }>();
  for (const m of merges) {
    const merge = merged.get(m.merged_profile_id) ?? { eventId: m.event_id, identifiers: [] };
    if (m.identifier_type !== null && m.identifier_hash !== null) {
      merge.identifiers.push(identifierKey(m.identifier_type, m.identifier_hash));
    }
    merged.set(m.merged_profile_id, merge);
  }
  const state = {
    assignments: assignments.map(name),
    identifiers: identifiers
      .map((r) => ({
        key: identifierKey(r.identifier_type, r.identifier_hash),
        profile: name(r.profile_id),
        firstSeenAt: r.first_seen_at.toISOString(),
        lastSeenAt: r.last_seen_at.toISOString(),
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    profiles: profiles
      .filter((p) => p.merged_into === null)
      .map((p) => ({
        profile: name(p.profile_id),
        traits: p.traits,
        traitTimestamps: p.trait_timestamps,
        eventCount: Number(p.event_count),
        firstSeenAt: p.first_seen_at.toISOString(),
        lastSeenAt: p.last_seen_at.toISOString(),
      }))
      .sort((a, b) => (a.profile < b.profile ? -1 : 1)),
    // Refused pairs by their survivors, with the reason: a batch never writes a profile it
    // created and merged away (as with merges: see below), so it names the survivor where the
    // sequence keeps a row for the merged-away id (its own first event and count). Pairs
    // merged since are left out.
    refusedMerges: [
      ...new Set(
        refused.flatMap((r) => {
          const [a, b] = [name(r.profile_a_id), name(r.profile_b_id)].sort();
          return a === b ? [] : [`${a} | ${b} ${r.reason}`];
        }),
      ),
    ].sort(),
  };
  return { state, merges: merged };
}

type Merges = Awaited<ReturnType<typeof snapshot>>['merges'];

/**
 * The merges the batch's events made of profiles that existed before it, each named by the
 * merged profile's identifiers before the batch (the same in both tenants).
 */
function batchMerges(merges: Merges, before: ReadonlyMap<string, string>) {
  return new Map(
    [...merges]
      .filter(([id, m]) => m.eventId?.startsWith('e') === true && before.has(id))
      .map(([id, m]) => [
        before.get(id)!,
        { eventId: m.eventId, identifiers: m.identifiers.sort() },
      ]),
  );
}

/** Resolves the history one by one in two tenants, then the events: as a batch in one, one by one in the other. */
async function resolveBoth(batch: Batch) {
  const { limits } = batch;
  const history = toEvents(batch.history, 'h');
  const events = toEvents(batch.events, 'e');
  const together = (await createTestTenant(testDb.db)).tenant.tenantId;
  const alone = (await createTestTenant(testDb.db)).tenant.tenantId;
  for (const tenantId of [together, alone]) {
    for (const event of history) await resolveIn(testDb.db, tenantId, limits, [event]);
  }
  const beforeTogether = await namesOf(testDb.db, together);
  const beforeAlone = await namesOf(testDb.db, alone);

  const plan = await resolveIn(testDb.db, together, limits, events);
  const one: EventAssignment[] = [];
  for (const event of events) {
    one.push((await resolveIn(testDb.db, alone, limits, [event])).assignments[0]!);
  }
  const batched = await snapshot(
    testDb.db,
    together,
    plan.assignments.map((a) => a.profileId),
  );
  const sequenced = await snapshot(
    testDb.db,
    alone,
    one.map((a) => a.profileId),
  );
  return {
    batched: {
      ...batched,
      outcomes: plan.assignments.map(({ outcome, warnings }) => ({ outcome, warnings })),
      merges: batchMerges(batched.merges, beforeTogether),
    },
    sequenced: {
      ...sequenced,
      outcomes: one.map(({ outcome, warnings }) => ({ outcome, warnings })),
      merges: batchMerges(sequenced.merges, beforeAlone),
    },
  };
}

describe('resolving a batch', () => {
  it('equals resolving its events one by one, in order', async () => {
    await fc.assert(
      fc.asyncProperty(batchArb, async (batch) => {
        const { batched, sequenced } = await resolveBoth(batch);
        expect(batched.state).toEqual(sequenced.state);
        expect(batched.outcomes).toEqual(sequenced.outcomes);
        // Two known differences in the merge history (see the test below, and the planner:
        // a profile created and merged within one batch is never written, so there is no
        // merge of it to record). Merges of profiles that existed before the batch are the
        // same, by the same events, and record no identifier the sequence would not.
        expect([...batched.merges.keys()].sort()).toEqual([...sequenced.merges.keys()].sort());
        for (const [name, merge] of batched.merges) {
          const other = sequenced.merges.get(name)!;
          expect(merge.eventId).toBe(other.eventId);
          expect(other.identifiers).toEqual(expect.arrayContaining(merge.identifiers));
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  // Found by the property above: a batch that links an identifier to a known profile, then
  // merges that profile away, records the merge without that identifier (the merges are
  // written before the batch's identifiers), so a split of it would not give it back.
  it.failing(
    'records, on a merge, the identifiers the batch linked to the merged profile',
    async () => {
      const email = (n: number) => ({
        type: 'email' as const,
        hash: createHash('sha256').update(`email:${n}`).digest('hex'),
      });
      const ext = {
        type: 'external_id' as const,
        hash: createHash('sha256').update('x').digest('hex'),
      };
      const at = { minute: 0, traits: undefined, traitsOnce: undefined };
      const { batched, sequenced } = await resolveBoth({
        limits: {},
        history: [
          { ...at, identifiers: [email(1)] },
          { ...at, identifiers: [email(2)] },
        ],
        events: [
          { ...at, identifiers: [email(2), ext] },
          { ...at, identifiers: [email(1), email(2)] },
        ],
      });
      expect([...batched.merges]).toEqual([...sequenced.merges]);
    },
  );
});
