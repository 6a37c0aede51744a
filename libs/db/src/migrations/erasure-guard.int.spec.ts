import { sql } from 'kysely';
import type { Db } from '../database';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';

let testDb: TestDatabase;
let db: Db;
let tenant: string;
let profile: string;
const AT = '2026-05-10T12:00:00Z';

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  tenant = (
    await db
      .insertInto('cdp_tenants')
      .values({ name: 'guard' })
      .returning('tenant_id')
      .executeTakeFirstOrThrow()
  ).tenant_id;
  profile = (
    await db
      .insertInto('cdp_profiles')
      .values({ tenant_id: tenant, first_seen_at: AT, last_seen_at: AT })
      .returning('profile_id')
      .executeTakeFirstOrThrow()
  ).profile_id;
  await db
    .insertInto('cdp_events')
    .values(
      ['g-1', 'g-2', 'g-3'].map((event_id) => ({
        tenant_id: tenant,
        event_id,
        occurred_at: AT,
        received_at: AT,
        profile_id: profile,
        type: 'track' as const,
        name: 'Guarded',
      })),
    )
    .execute();
  await db
    .insertInto('cdp_consents')
    .values({
      tenant_id: tenant,
      profile_id: profile,
      purpose: 'marketing',
      status: 'granted',
      occurred_at: AT,
    })
    .execute();
});
afterAll(() => testDb.destroy());

const refused = { code: 'P0001', message: expect.stringMatching(/is append-only$/) };

async function eventCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cdp_events`.execute(db);
  return rows[0]!.n;
}

describe('erasure, the one path past the append-only triggers', () => {
  it('still refuses an ordinary UPDATE or DELETE of events and consents', async () => {
    await expect(sql`UPDATE cdp_events SET name = 'x'`.execute(db)).rejects.toMatchObject(refused);
    await expect(sql`DELETE FROM cdp_events`.execute(db)).rejects.toMatchObject(refused);
    await expect(sql`DELETE FROM cdp_events_default`.execute(db)).rejects.toMatchObject(refused);
    await expect(sql`UPDATE cdp_consents SET status = 'denied'`.execute(db)).rejects.toMatchObject(
      refused,
    );
    await expect(sql`DELETE FROM cdp_consents`.execute(db)).rejects.toMatchObject(refused);
  });

  it('refuses a DELETE from any other function or block, even while cdp.erasing is on', async () => {
    await sql`CREATE FUNCTION not_the_eraser() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM cdp_events; END $$`.execute(db);
    await expect(sql`SELECT not_the_eraser()`.execute(db)).rejects.toMatchObject(refused);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SET LOCAL cdp.erasing = 'on'`.execute(trx);
        await sql`DO $$ BEGIN DELETE FROM cdp_events; END $$`.execute(trx);
      }),
    ).rejects.toMatchObject(refused);
    expect(await eventCount()).toBe(3);
  });

  it('deletes through cdp_erase_events, at most the limit a call, the given profiles only', async () => {
    const first = await sql<{ id: string }>`
      SELECT e AS id FROM cdp_erase_events(${tenant}::uuid, ${[profile]}::uuid[], 2) AS e`.execute(
      db,
    );
    expect(first.rows).toHaveLength(2);
    const other = await sql<{ id: string }>`
      SELECT e AS id FROM cdp_erase_events(${tenant}::uuid, ${[tenant]}::uuid[], 10) AS e`.execute(
      db,
    );
    expect(other.rows).toHaveLength(0);
    const rest = await sql<{ id: string }>`
      SELECT e AS id FROM cdp_erase_events(${tenant}::uuid, ${[profile]}::uuid[], 10) AS e`.execute(
      db,
    );
    expect([...first.rows, ...rest.rows].map((r) => r.id).sort()).toEqual(['g-1', 'g-2', 'g-3']);
    expect(await eventCount()).toBe(0);
  });

  it('deletes consents through cdp_erase_consents', async () => {
    const { rows } = await sql<{ n: string }>`
      SELECT cdp_erase_consents(${tenant}::uuid, ${[profile]}::uuid[]) AS n`.execute(db);
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
