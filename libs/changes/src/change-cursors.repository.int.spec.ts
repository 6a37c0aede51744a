import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { compareChangeCursors } from './change-cursor';
import {
  advanceChangeCursor,
  currentFeedHead,
  findChangeCursor,
} from './change-cursors.repository';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

describe('change cursors of consumers', () => {
  it('has none for a consumer that never ran', async () => {
    expect(await findChangeCursor(testDb.db, 'never')).toBeUndefined();
  });

  it('saves progress in the caller’s transaction and only moves forward', async () => {
    const { db } = testDb;
    expect(await advanceChangeCursor(db, 'membership', '100:7')).toBe(true);
    expect(await findChangeCursor(db, 'membership')).toBe('100:7');
    expect(await advanceChangeCursor(db, 'membership', '100:7')).toBe(false);
    expect(await advanceChangeCursor(db, 'membership', '99:500')).toBe(false);
    expect(await findChangeCursor(db, 'membership')).toBe('100:7');
    expect(await advanceChangeCursor(db, 'membership', '101:1')).toBe(true);
    await expect(
      db.transaction().execute(async (trx) => {
        await advanceChangeCursor(trx, 'membership', '200:1');
        throw new Error('the effects failed');
      }),
    ).rejects.toThrow('the effects failed');
    expect(await findChangeCursor(db, 'membership')).toBe('101:1');
  });

  it('gives the head as a cursor that only moves forward', async () => {
    const head = await currentFeedHead(testDb.db);
    await testDb.db.transaction().execute(async (trx) => {
      await trx.selectNoFrom((eb) => eb.fn('pg_current_xact_id', []).as('xid')).execute();
    });
    expect(compareChangeCursors(await currentFeedHead(testDb.db), head)).toBeGreaterThanOrEqual(0);
  });
});
