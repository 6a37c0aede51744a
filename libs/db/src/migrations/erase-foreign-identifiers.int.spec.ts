import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '../testing';
import type { TestDatabase } from '../testing';
import { migrateDownThrough, migrateToLatest } from '../migrate/migrator';

let testDb: TestDatabase;
let tenantId: string;

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  await testDb.db
    .insertInto('cdp_events')
    .values({
      tenant_id: tenantId,
      event_id: 'e1',
      occurred_at: new Date('2019-01-01T00:00:00Z'),
      received_at: new Date(),
      profile_id: '00000000-0000-4000-8000-000000000001',
      type: 'track',
      identifiers: JSON.stringify([
        { type: 'email', hash: OTHER },
        { type: 'phone', hash: HASH },
      ]),
    })
    .execute();
});
afterAll(() => testDb.destroy());

const identifiers = async () =>
  (
    await testDb.db
      .selectFrom('cdp_events')
      .select('identifiers')
      .where('event_id', '=', 'e1')
      .executeTakeFirstOrThrow()
  ).identifiers;

describe('migration erase_foreign_identifiers', () => {
  it('still refuses an ordinary UPDATE of identifiers', async () => {
    await expect(
      sql`UPDATE cdp_events SET identifiers = '[]'::jsonb WHERE event_id = 'e1'`.execute(testDb.db),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a table that is not a partition of cdp_events', async () => {
    await expect(
      sql`SELECT cdp_forget_identifiers(${tenantId}::uuid, ${[HASH]}::text[], 'cdp_profiles'::regclass)`.execute(
        testDb.db,
      ),
    ).rejects.toThrow(/is not a partition of cdp_events/);
  });

  it('takes the hashes out of the events of one partition, and nothing else', async () => {
    const { rows } = await sql<{ n: string }>`SELECT cdp_forget_identifiers(${tenantId}::uuid,
        ${[HASH]}::text[], 'cdp_events_default'::regclass) AS n`.execute(testDb.db);
    expect(Number(rows[0]!.n)).toBe(1);
    expect(await identifiers()).toEqual([{ type: 'email', hash: OTHER }]);
  });

  it('goes down (the function gone) and up again', async () => {
    const downed = await migrateDownThrough(testDb.db, '2026_11_24_1630_erase_foreign_identifiers');
    expect(downed.at(-1)!.migrationName).toBe('2026_11_24_1630_erase_foreign_identifiers');
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_proc
      WHERE proname = 'cdp_forget_identifiers'`.execute(testDb.db);
    expect(rows[0]!.n).toBe(0);
    await expect(
      sql`UPDATE cdp_events SET profile_id = profile_id WHERE event_id = 'e1'`.execute(testDb.db),
    ).rejects.toThrow(/append-only/);
    await migrateToLatest(testDb.db);
  });
});
