import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { createWorkerMetrics } from '../metrics/worker-metrics';
import { readWorkerFeedLag } from './membership-lag';
import { runSegmentMembership } from './membership.task';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
}, 60_000);
afterAll(() => database.destroy());

const { logger } = createTestLogger('error');

/** The gauge's value for segment-membership, as a scrape reads it. */
async function scrapeLag(metrics: ReturnType<typeof createWorkerMetrics>): Promise<number> {
  const text = await metrics.registry.metrics();
  const match = /^cdp_change_feed_lag_seconds\{consumer="segment-membership"\} (\S+)$/m.exec(text);
  if (match === null) throw new Error('no cdp_change_feed_lag_seconds for segment-membership');
  return Number(match[1]);
}

describe('cdp_change_feed_lag_seconds{consumer="segment-membership"}', () => {
  it('is the age of the oldest change membership has not applied, 0 once it has', async () => {
    const metrics = createWorkerMetrics([]);
    metrics.setFeedLagProvider(() => readWorkerFeedLag(db));
    expect(await scrapeLag(metrics)).toBe(0);

    const { tenantId } = (await createTestTenant(db)).tenant;
    await db
      .insertInto('cdp_changes')
      .values({
        tenant_id: tenantId,
        kind: 'profile.created',
        profile_id: '0b7e4c1a-3f57-4c8e-9a55-8d1f0c2b7e11',
        recorded_at: new Date(Date.now() - 90_000),
        data: '{}',
      })
      .execute();
    expect(await scrapeLag(metrics)).toBeGreaterThanOrEqual(90);

    // Open transactions elsewhere on the server hold the feed's horizon back for a while.
    const deadline = Date.now() + 25_000;
    let lag = await scrapeLag(metrics);
    while (lag > 0 && Date.now() < deadline) {
      await runSegmentMembership({ db, logger, batchSize: 100 });
      lag = await scrapeLag(metrics);
    }
    expect(lag).toBe(0);
  }, 30_000);

  it('keeps its last value when the database cannot answer', async () => {
    const metrics = createWorkerMetrics([]);
    let fail = false;
    metrics.setFeedLagProvider(() =>
      fail ? Promise.reject(new Error('database away')) : readWorkerFeedLag(db),
    );
    const before = await scrapeLag(metrics);
    fail = true;
    expect(await scrapeLag(metrics)).toBe(before);
  });
});
