import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { readChangeFeedLag } from './change-feed-lag';
import { advanceChangeCursor } from './change-cursors.repository';
import { readChanges } from './read-changes';
import { FEED_START } from './change-cursor';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

/** Records a change dated `secondsAgo` in the past. */
async function recordChange(
  tenantId: string,
  secondsAgo: number,
  kind: 'profile.created' | 'consent.changed' = 'profile.created',
): Promise<void> {
  await testDb.db
    .insertInto('cdp_changes')
    .values({
      tenant_id: tenantId,
      kind,
      recorded_at: new Date(Date.now() - secondsAgo * 1000),
      data: '{}',
    })
    .execute();
}

/** Reads the whole feed once the change just written is below the horizon. */
async function readAll() {
  for (;;) {
    const page = await readChanges(testDb.db, { after: FEED_START, limit: 100 });
    if (page.changes.length === 2) return page;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('readChangeFeedLag', () => {
  it('is the age of the first change a consumer has not handled, 0 once it has', async () => {
    const { db } = testDb;
    expect(await readChangeFeedLag(db, 'fresh-install')).toBe(0);

    const { tenantId } = (await createTestTenant(db)).tenant;
    await recordChange(tenantId, 120, 'consent.changed');
    await recordChange(tenantId, 30);
    // No cursor: behind by the whole feed, from its oldest change.
    const whole = await readChangeFeedLag(db, 'reader');
    expect(whole).toBeGreaterThanOrEqual(120);
    expect(whole).toBeLessThan(180);
    // A consumer that reads only some kinds is not behind on the others.
    const profilesOnly = await readChangeFeedLag(db, 'reader', ['profile.created']);
    expect(profilesOnly).toBeGreaterThanOrEqual(30);
    expect(profilesOnly).toBeLessThan(90);

    const page = await readAll();
    await advanceChangeCursor(db, 'reader', page.changes[0]!.cursor);
    const behind = await readChangeFeedLag(db, 'reader');
    expect(behind).toBeGreaterThanOrEqual(30);
    expect(behind).toBeLessThan(90);

    await advanceChangeCursor(db, 'reader', page.nextCursor);
    expect(await readChangeFeedLag(db, 'reader')).toBe(0);
  });
});
