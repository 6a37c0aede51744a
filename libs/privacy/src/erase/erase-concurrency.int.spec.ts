import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { runPrivacyRequest } from '../run-privacy-request';
import { submitPrivacyRequest } from '../submit-privacy-request';
import { hashed, seedEvents } from '../testing';

let testDb: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase({ poolMax: 6 });
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
});
afterAll(() => testDb.destroy());

const jane = (n: number) => ({
  identifiers: [
    { type: 'email' as const, value: 'race@example.com' },
    { type: 'anonymous_id' as const, value: `race-anon-${n}` },
  ],
});

/** Rows anywhere in the tenant's tables that name one of `profiles`. */
async function rowsNaming(profiles: string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of ['cdp_profiles', 'cdp_profile_identifiers', 'cdp_events', 'cdp_consents']) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}
      WHERE tenant_id = ${tenantId} AND profile_id = ANY(${profiles}::uuid[])`.execute(testDb.db);
    if (rows[0]!.n > 0) found[table] = rows[0]!.n;
  }
  return found;
}

describe('an erasure racing ingestion of the same person', () => {
  it('leaves nothing on the erased profile; what arrives after goes to a new one', async () => {
    const [erased] = await seedEvents(
      testDb.db,
      tenantId,
      Array.from({ length: 300 }, (_, n) => jane(n)),
    );
    const request = await submitPrivacyRequest(
      testDb.db,
      tenantId,
      'erase',
      [hashed('email', 'race@example.com')],
      { queue: false },
    );
    const racing = Array.from({ length: 8 }, (_, n) =>
      seedEvents(testDb.db, tenantId, [jane(1000 + n), jane(2000 + n)]),
    );
    const [ended, ...batches] = await Promise.all([
      runPrivacyRequest(testDb.db, tenantId, request.requestId),
      ...racing,
    ]);
    expect(ended?.status).toBe('done');
    expect(await rowsNaming([erased!])).toEqual({});
    // Whatever the racing batches stored is on profiles that exist, whole.
    const later = [...new Set(batches.flat())].filter((id) => id !== erased);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cdp_profiles
      WHERE tenant_id = ${tenantId} AND profile_id = ANY(${later}::uuid[])`.execute(testDb.db);
    expect(rows[0]!.n).toBe(later.length);
    expect(later.length).toBeLessThanOrEqual(1);
  });
});
