import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { down, up } from './2026_11_24_1600_privacy_result_expiry';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

async function shape(): Promise<{ column: boolean; index: string | null }> {
  const { rows } = await sql<{ column: boolean; index: string | null }>`
    SELECT
      EXISTS (SELECT 1 FROM information_schema.columns
        WHERE table_name = 'cdp_privacy_requests' AND column_name = 'result_expired_at') AS column,
      (SELECT pg_get_indexdef(indexrelid) FROM pg_index
        WHERE indexrelid = to_regclass('cdp_privacy_requests_result_kept_idx')) AS index
  `.execute(testDb.db);
  return rows[0]!;
}

describe('2026_11_24_1600_privacy_result_expiry', () => {
  it('adds result_expired_at and the index of kept documents; down removes both, up again', async () => {
    expect(await shape()).toEqual({
      column: true,
      index: expect.stringMatching(
        /\(finished_at\) WHERE .*'access'.*'done'.*result_expired_at IS NULL/,
      ),
    });
    // Migrations are written against no table types.
    const untyped = testDb.db as unknown as Kysely<unknown>;
    await down(untyped);
    expect(await shape()).toEqual({ column: false, index: null });
    await up(untyped);
    expect((await shape()).column).toBe(true);
  });
});
