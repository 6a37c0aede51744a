import type { Db } from '../database';
import type { PrivacyRequestType } from '../tables/privacy.table';
import { createTestDatabase, createTestTenant } from '../testing';
import type { TestDatabase } from '../testing';
import { runRetention } from './run-retention';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-24T04:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

let testDb: TestDatabase;
let db: Db;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  tenantId = (await createTestTenant(db)).tenant.tenantId;
});
afterAll(() => testDb.destroy());

/** A done request finished `days` ago, with a document of `parts` parts. */
async function request(days: number, parts: number, type: PrivacyRequestType = 'access') {
  const { request_id } = await db
    .insertInto('cdp_privacy_requests')
    .values({
      tenant_id: tenantId,
      type,
      status: 'done',
      identifiers: JSON.stringify([{ type: 'email', hash: 'a'.repeat(64) }]),
      started_at: daysAgo(days),
      finished_at: daysAgo(days),
    })
    .returning('request_id')
    .executeTakeFirstOrThrow();
  for (let part = 0; part < parts; part++) {
    await db
      .insertInto('cdp_privacy_results')
      .values({ tenant_id: tenantId, request_id, part, body: '{}' })
      .execute();
  }
  return request_id;
}

const state = async (requestId: string) => ({
  expiredAt: (
    await db
      .selectFrom('cdp_privacy_requests')
      .select('result_expired_at')
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow()
  ).result_expired_at,
  parts: (
    await db
      .selectFrom('cdp_privacy_results')
      .select('part')
      .where('request_id', '=', requestId)
      .execute()
  ).length,
});

describe('runRetention: access documents', () => {
  it('deletes the documents past their days and marks their requests, nothing else', async () => {
    const old = await request(31, 3);
    const recent = await request(29, 2);
    const erased = await request(40, 0); // an erasure already deleted its document
    const erase = await request(40, 0, 'erase');

    const result = await runRetention(db, { now, accessResultDays: 30 });

    expect(result.expiredAccessResults).toBe(1);
    expect(await state(old)).toEqual({ expiredAt: now, parts: 0 });
    expect(await state(recent)).toEqual({ expiredAt: null, parts: 2 });
    expect(await state(erased)).toEqual({ expiredAt: null, parts: 0 });
    expect(await state(erase)).toEqual({ expiredAt: null, parts: 0 });
    // The request itself is kept, as done.
    const kept = await db
      .selectFrom('cdp_privacy_requests')
      .select(['status', 'finished_at'])
      .where('request_id', '=', old)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ status: 'done', finished_at: daysAgo(31) });

    // A second run finds nothing more; a shorter retention reaches the recent one.
    expect((await runRetention(db, { now, accessResultDays: 30 })).expiredAccessResults).toBe(0);
    expect((await runRetention(db, { now, accessResultDays: 7 })).expiredAccessResults).toBe(1);
    expect(await state(recent)).toEqual({ expiredAt: now, parts: 0 });
    expect(await state(old)).toEqual({ expiredAt: now, parts: 0 });
  });

  it.each([0, -1, 1.5])('refuses accessResultDays %p', async (days) => {
    await expect(runRetention(db, { now, accessResultDays: days })).rejects.toThrow(
      /accessResultDays/,
    );
  });
});
