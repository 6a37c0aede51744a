import { sqlText } from '@stratum/db';
import { createHash } from 'node:crypto';
import { runNamed, runNamedLast, statementRunner } from '@stratum/db';
import type { StatementRunner } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { HashedIdentifier, ResolutionEvent } from '../planner/resolution.types';
import { planBatch, readResolution, resolutionReads } from './resolve-batch';

const email = (v: string): HashedIdentifier => ({
  type: 'email',
  hash: createHash('sha256').update(v).digest('hex'),
});

let testDb: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
});
afterAll(() => testDb.destroy());

function event(
  eventId: string | null,
  identifiers: HashedIdentifier[],
  traits?: Record<string, unknown>,
): ResolutionEvent {
  return { eventId, occurredAt: new Date('2026-05-01T10:00:00Z'), identifiers, traits };
}

/** Resolves in a transaction by phases, counting round trips, carrying a statement of its own. */
async function resolve(events: ResolutionEvent[]) {
  let roundTrips = 0;
  const result = await testDb.db.transaction().execute(async (trx) => {
    const inner = statementRunner(trx);
    const counting: StatementRunner = {
      run: (statements) => (roundTrips++, inner.run(statements)),
      runLast: (statements) => (roundTrips++, inner.runLast(statements)),
    };
    const input = { tenantId, events, limits: { external_id: 1 } };
    const read = readResolution(await runNamed(counting, resolutionReads(input)));
    const { plan, writes } = await planBatch(counting, input, read);
    const last = await runNamedLast(counting, {
      resolution: writes,
      carried: sqlText`SELECT 42 AS carried`,
    });
    return { plan, carried: last.carried };
  });
  return { ...result, roundTrips };
}

/** The changes of the tenant written since `since` (all of them are committed by now). */
async function changesSince(since: number) {
  return testDb.db
    .selectFrom('cdp_changes')
    .select(['change_id', 'kind', 'profile_id', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('change_id', '>', since)
    .orderBy('change_id')
    .execute();
}

async function lastChangeId(): Promise<number> {
  const row = await testDb.db
    .selectFrom('cdp_changes')
    .select((eb) => eb.fn.coalesce(eb.fn.max('change_id'), eb.lit(0)).as('id'))
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

describe('the change feed written by resolution', () => {
  it('records created profiles and the stored events in the write round trip, no extra one', async () => {
    const since = await lastChangeId();
    const { plan, carried, roundTrips } = await resolve([
      event('e1', [email('one@x.io')], { plan: 'free' }),
      event('e2', [email('two@x.io')]),
    ]);
    expect(roundTrips).toBe(2);
    expect(carried.rows).toEqual([{ carried: 42 }]);
    const [one, two] = plan.assignments.map((a) => a.profileId);
    expect(await changesSince(since)).toEqual([
      expect.objectContaining({ kind: 'profile.created', profile_id: one, data: {} }),
      expect.objectContaining({ kind: 'profile.created', profile_id: two, data: {} }),
      expect.objectContaining({
        kind: 'event.stored',
        profile_id: null,
        data: {
          events: [
            { id: 'e1', profile_id: one, occurred_at: '2026-05-01T10:00:00.000Z' },
            { id: 'e2', profile_id: two, occurred_at: '2026-05-01T10:00:00.000Z' },
          ],
        },
      }),
    ]);
  });

  it('records changed trait keys, not a profile whose counters alone moved', async () => {
    const { plan } = await resolve([event('u1', [email('u@x.io')], { plan: 'free', n: 1 })]);
    const profileId = plan.assignments[0]!.profileId;
    const since = await lastChangeId();
    await resolve([event('u2', [email('u@x.io')], { plan: 'free', n: 1 })]);
    expect((await changesSince(since)).map((c) => c.kind)).toEqual(['event.stored']);
    const later = await lastChangeId();
    await resolve([event('u3', [email('u@x.io')], { plan: 'pro', n: 1, seats: 3 })]);
    expect(await changesSince(later)).toEqual([
      expect.objectContaining({
        kind: 'profile.updated',
        profile_id: profileId,
        data: { traits: ['plan', 'seats'] },
      }),
      expect.objectContaining({ kind: 'event.stored' }),
    ]);
  });

  it('records a merge on the survivor, naming the merged profile', async () => {
    const a = (await resolve([event('m1', [email('ma@x.io')])])).plan.assignments[0]!.profileId;
    const b = (await resolve([event('m2', [email('mb@x.io')])])).plan.assignments[0]!.profileId;
    const since = await lastChangeId();
    await resolve([event('m3', [email('ma@x.io'), email('mb@x.io')])]);
    const changes = await changesSince(since);
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'profile.merged',
        profile_id: a,
        data: { merged_profile_id: b },
      }),
    );
    expect(changes.map((c) => c.kind)).not.toContain('profile.created');
  });

  it('records no stored event for a look-up that is not an event (consents)', async () => {
    const since = await lastChangeId();
    const lookUp = { ...event(null, [email('lookup@x.io')]), countsAsEvent: false };
    const { plan } = await resolve([lookUp]);
    expect(await changesSince(since)).toEqual([
      expect.objectContaining({
        kind: 'profile.created',
        profile_id: plan.assignments[0]!.profileId,
      }),
    ]);
  });
});
