import { sql } from 'kysely';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { getMigrationStatus, migrateDownThrough, migrateToLatest } from '../migrate/migrator';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

const SPLITS = '2026_11_24_1610_profile_splits';

async function count(query: ReturnType<typeof sql<{ n: number }>>) {
  return (await query.execute(testDb.db)).rows[0]!.n;
}

describe('migration profile_splits', () => {
  it('goes down to the state before it, and up again', async () => {
    const downed = await migrateDownThrough(testDb.db, SPLITS);
    expect(downed.map((o) => o.migrationName)).toContain(SPLITS);
    const pending = (await getMigrationStatus(testDb.db)).filter((s) => s.executedAt === null);
    expect(pending.map((s) => s.name)).toContain(SPLITS);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_name IN ('cdp_profile_splits', 'cdp_profile_merge_identifiers')`),
    ).toBe(0);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM information_schema.columns
        WHERE table_name = 'cdp_profile_merges' AND column_name = 'merge_id'`),
    ).toBe(0);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'cdp_split_events'`),
    ).toBe(0);

    await migrateToLatest(testDb.db);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_name IN ('cdp_profile_splits', 'cdp_profile_merge_identifiers')`),
    ).toBe(2);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'cdp_split_events'`),
    ).toBe(1);
  });
});
