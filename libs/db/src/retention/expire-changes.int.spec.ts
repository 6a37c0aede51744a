import { sql } from 'kysely';
import type { Db } from '../database';
import { createTestDatabase, createTestTenant } from '../testing';
import type { TestDatabase } from '../testing';
import { runRetention } from './run-retention';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date();

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb.destroy());

/** Records a change as of `daysAgo`, in its own transaction; returns its feed position. */
async function change(tenantId: string, label: string, daysAgo: number) {
  const { rows } = await sql<{ xid: string; change_id: number }>`
    INSERT INTO cdp_changes (tenant_id, kind, recorded_at, data)
    VALUES (${tenantId}, 'profile.created', ${new Date(now.getTime() - daysAgo * DAY)},
      ${JSON.stringify({ label })})
    RETURNING xid::text, change_id`.execute(db);
  return rows[0]!;
}

async function cursor(consumer: string, at: { xid: string; change_id: number }) {
  await sql`INSERT INTO cdp_change_cursors (consumer, last_xid, last_change_id)
    VALUES (${consumer}, ${at.xid}::xid8, ${at.change_id})`.execute(db);
}

const left = async (tenantId: string) =>
  (
    await db
      .selectFrom('cdp_changes')
      .select(sql<string>`data->>'label'`.as('label'))
      .where('tenant_id', '=', tenantId)
      .orderBy('change_id')
      .execute()
  ).map((r) => r.label);

const consumers = async () =>
  (await db.selectFrom('cdp_change_cursors').select('consumer').orderBy('consumer').execute()).map(
    (r) => r.consumer,
  );

describe('retention of the change feed', () => {
  it('deletes changes past the window, and the cursors of consumers that had not read them', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const first = await change(tenantId, 'old-1', 8);
    const second = await change(tenantId, 'old-2', 7.5);
    await change(tenantId, 'week', 6.9);
    const latest = await change(tenantId, 'new', 0);
    await cursor('behind', first);
    await cursor('just-read-the-old-ones', second);
    await cursor('caught-up', latest);

    const result = await runRetention(db, { now });
    expect(result).toMatchObject({ expiredChanges: 2, droppedChangeCursors: ['behind'] });
    expect(await left(tenantId)).toEqual(['week', 'new']);
    expect(await consumers()).toEqual(['caught-up', 'just-read-the-old-ones']);

    const shorter = await runRetention(db, { now, changeDays: 1 });
    expect(shorter).toMatchObject({
      expiredChanges: 1,
      droppedChangeCursors: ['just-read-the-old-ones'],
    });
    expect(await left(tenantId)).toEqual(['new']);
    expect(await consumers()).toEqual(['caught-up']);

    expect(await runRetention(db, { now, changeDays: 1 })).toMatchObject({
      expiredChanges: 0,
      droppedChangeCursors: [],
    });
  });

  it.each([0, -1, 1.5])('refuses %p days', async (changeDays) => {
    await expect(runRetention(db, { now, changeDays })).rejects.toThrow(RangeError);
  });
});
