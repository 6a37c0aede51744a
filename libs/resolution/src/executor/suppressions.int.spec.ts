import { createHash } from 'node:crypto';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { runNamed, runNamedLast, statementRunner } from '@stratum/db';
import type { HashedIdentifier } from '../planner/resolution.types';
import { identifierKey } from '../planner/identifier-key';
import { planBatch, readResolution, resolutionReads } from './resolve-batch';

const hash = (value: string) => createHash('sha256').update(value).digest('hex');
const quiet: HashedIdentifier = { type: 'email', hash: hash('quiet@x.io') };
const loud: HashedIdentifier = { type: 'email', hash: hash('loud@x.io') };

let testDb: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  await testDb.db
    .insertInto('cdp_suppressions')
    .values({ tenant_id: tenantId, identifier_type: 'email', identifier_hash: quiet.hash })
    .execute();
});
afterAll(() => testDb.destroy());

const events = [
  { eventId: 'q', occurredAt: new Date(), identifiers: [quiet] },
  { eventId: 'l', occurredAt: new Date(), identifiers: [loud] },
];

function resolveWith(checkSuppressions: boolean) {
  return testDb.db.transaction().execute(async (trx) => {
    const runner = statementRunner(trx);
    const input = { tenantId, limits: {}, events, checkSuppressions };
    const { suppressed, ...read } = readResolution(await runNamed(runner, resolutionReads(input)));
    const kept = events.filter(
      (e) => !e.identifiers.some((i) => suppressed.has(identifierKey(i.type, i.hash))),
    );
    const { plan, writes } = await planBatch(runner, input, { suppressed, ...read }, kept);
    await runNamedLast(runner, writes);
    return { plan, seen: suppressed };
  });
}

describe('the suppression check in the read of the links', () => {
  it('reports the suppressed identifiers, and resolves only the events the caller keeps', async () => {
    const { plan, seen } = await resolveWith(true);
    expect([...seen]).toEqual([identifierKey('email', quiet.hash)]);
    expect(plan.assignments).toHaveLength(1);
    const linked = await testDb.db
      .selectFrom('cdp_profile_identifiers')
      .select('identifier_hash')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(linked.map((r) => r.identifier_hash)).toEqual([loud.hash]);
  });

  it('reads nothing of the suppressions unless asked', async () => {
    const { seen } = await resolveWith(false);
    expect(seen.size).toBe(0);
  });
});
