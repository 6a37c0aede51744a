import { createHash, randomUUID } from 'node:crypto';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { runStatements } from '@stratum/db';
import type { IdentifierWrite } from '../planner/resolution.types';
import { updateIdentifiersStatement, upsertIdentifiersStatement } from './identifier.statements';

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

let testDb: TestDatabase;
let tenantId: string;
let profileA: string;
let profileB: string;

async function newProfile(): Promise<string> {
  const profileId = randomUUID();
  await testDb.db
    .insertInto('cdp_profiles')
    .values({
      tenant_id: tenantId,
      profile_id: profileId,
      first_seen_at: new Date(),
      last_seen_at: new Date(),
    })
    .execute();
  return profileId;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  profileA = await newProfile();
  profileB = await newProfile();
});
afterAll(() => testDb.destroy());

function write(value: string, profileId: string, first: string, last: string): IdentifierWrite {
  return {
    type: 'email',
    hash: hash(value),
    profileId,
    firstSeenAt: new Date(first),
    lastSeenAt: new Date(last),
  };
}

async function row(value: string) {
  return testDb.db
    .selectFrom('cdp_profile_identifiers')
    .select(['profile_id', 'first_seen_at', 'last_seen_at'])
    .where('tenant_id', '=', tenantId)
    .where('identifier_type', '=', 'email')
    .where('identifier_hash', '=', hash(value))
    .executeTakeFirst();
}

describe('identifier statements', () => {
  it('insert new identifiers and update linked ones: re-pointed, first and last seen widened', async () => {
    const first = write('w1@x.io', profileA, '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z');
    await runStatements(testDb.db, [upsertIdentifiersStatement(tenantId, [first])!]);

    const again = write('w1@x.io', profileB, '2026-01-01T00:00:00Z', '2026-01-02T12:00:00Z');
    const other = write('w2@x.io', profileB, '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');
    const [updated, inserted] = await runStatements(testDb.db, [
      updateIdentifiersStatement(tenantId, [again])!,
      upsertIdentifiersStatement(tenantId, [other])!,
    ]);
    // The update's count is of the rows it had to insert after all: none.
    expect([updated!.rowCount, inserted!.rowCount]).toEqual([0, 1]);

    expect(await row('w1@x.io')).toEqual({
      profile_id: profileB,
      first_seen_at: new Date('2026-01-01T00:00:00Z'),
      last_seen_at: new Date('2026-01-03T00:00:00Z'),
    });
    expect((await row('w2@x.io'))?.profile_id).toBe(profileB);
  });

  it('insert, in the update, a linked identifier whose row is missing after all', async () => {
    const kept = write('w3@x.io', profileA, '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z');
    await runStatements(testDb.db, [upsertIdentifiersStatement(tenantId, [kept])!]);
    const missing = write('w4@x.io', profileA, '2026-02-02T00:00:00Z', '2026-02-03T00:00:00Z');
    const [updated] = await runStatements(testDb.db, [
      updateIdentifiersStatement(tenantId, [
        { ...kept, lastSeenAt: new Date('2026-02-05T00:00:00Z') },
        missing,
      ])!,
    ]);
    expect(updated!.rowCount).toBe(1);
    expect(await row('w3@x.io')).toEqual({
      profile_id: profileA,
      first_seen_at: new Date('2026-02-01T00:00:00Z'),
      last_seen_at: new Date('2026-02-05T00:00:00Z'),
    });
    expect(await row('w4@x.io')).toEqual({
      profile_id: profileA,
      first_seen_at: new Date('2026-02-02T00:00:00Z'),
      last_seen_at: new Date('2026-02-03T00:00:00Z'),
    });
  });

  it('write nothing for an empty list', () => {
    expect(updateIdentifiersStatement(tenantId, [])).toBeUndefined();
    expect(upsertIdentifiersStatement(tenantId, [])).toBeUndefined();
  });
});
