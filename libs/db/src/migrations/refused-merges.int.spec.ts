import { sql } from 'kysely';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { migrateDownThrough, migrateToLatest } from '../migrate/migrator';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

const REFUSED = '2026_11_25_0600_refused_merges';
const TENANT = '00000000-0000-4000-8000-000000000001';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

async function tableCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n
    FROM information_schema.tables WHERE table_name = 'cdp_refused_merges'`.execute(testDb.db);
  return rows[0]!.n;
}

describe('migration refused_merges', () => {
  it('keeps one row per unordered pair, with a known reason', async () => {
    const insert = (a: string, b: string, reason: string) =>
      sql`INSERT INTO cdp_refused_merges (tenant_id, profile_a_id, profile_b_id, reason, refusals)
        VALUES (${TENANT}, ${a}, ${b}, ${reason}, 1)`.execute(testDb.db);
    await insert(A, B, 'split');
    await expect(insert(B, A, 'split')).rejects.toThrow(/check constraint/);
    await expect(insert(A, B, 'split')).rejects.toThrow(/duplicate key/);
    await expect(insert(A, '00000000-0000-4000-8000-00000000000c', 'because')).rejects.toThrow(
      /check constraint/,
    );
    await expect(
      sql`INSERT INTO cdp_changes (tenant_id, kind, profile_id, data)
        VALUES (${TENANT}, 'profile.merge_refused', ${A}, '{}')`.execute(testDb.db),
    ).resolves.toBeDefined();
  });

  it('goes down to the state before it (its changes gone), and up again', async () => {
    const downed = await migrateDownThrough(testDb.db, REFUSED);
    expect(downed.map((o) => o.migrationName)).toEqual([REFUSED]);
    expect(await tableCount()).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cdp_changes
      WHERE kind = 'profile.merge_refused'`.execute(testDb.db);
    expect(rows[0]!.n).toBe(0);

    await migrateToLatest(testDb.db);
    expect(await tableCount()).toBe(1);
  });
});
