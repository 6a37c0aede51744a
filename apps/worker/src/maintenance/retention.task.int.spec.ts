import { MIN_SOURCE_QUALITY_DAYS, listEventPartitions, maintainPartitions } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { HISTORY_HOURS } from '../quality/detect-source-anomalies';
import { MAX_CATCH_UP_HOURS } from '../quality/source-hours.task';
import { runEventRetention } from './retention.task';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database.destroy();
});

describe('runEventRetention', () => {
  it('drops the partitions, dedupe keys and access documents past retention, logs counts', async () => {
    const { db } = database;
    const now = new Date('2032-03-10T00:00:00Z');
    // 2029-12 and 2030-01 end before 2030-02-01, the cutoff of 25 months before 2032-03.
    await maintainPartitions(db, { now: new Date('2030-01-15Z'), monthsAhead: 2, monthsBehind: 1 });
    const { tenant } = await createTestTenant(db, { dedupeWindowDays: 7 });
    await db
      .insertInto('cdp_event_dedupe')
      .values([
        { tenant_id: tenant.tenantId, event_id: 'old', received_at: new Date('2032-02-01Z') },
        { tenant_id: tenant.tenantId, event_id: 'fresh', received_at: new Date('2032-03-09Z') },
      ])
      .execute();
    // An access document of a request finished 31 days before `now`: past 30 days.
    const { request_id } = await db
      .insertInto('cdp_privacy_requests')
      .values({
        tenant_id: tenant.tenantId,
        type: 'access',
        status: 'done',
        identifiers: JSON.stringify([{ type: 'email', hash: 'b'.repeat(64) }]),
        finished_at: new Date('2032-02-08Z'),
      })
      .returning('request_id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('cdp_privacy_results')
      .values({ tenant_id: tenant.tenantId, request_id, part: 0, body: '{}' })
      .execute();
    const { logger, lines } = createTestLogger('info');

    const result = await runEventRetention(
      { db, logger, retentionMonths: 25, accessResultDays: 30 },
      now,
    );

    // The migrated database also has partitions around today, all before the cutoff.
    expect(result.droppedPartitions).toEqual(
      expect.arrayContaining(['cdp_events_p2029_12', 'cdp_events_p2030_01']),
    );
    expect(result.droppedPartitions).not.toContain('cdp_events_p2030_02');
    expect(result.expiredDedupeKeys).toBe(1);
    const left = (await listEventPartitions(db)).map((p) => p.name);
    expect(left).toEqual(expect.arrayContaining(['cdp_events_p2030_02', 'cdp_events_p2030_03']));
    expect(left).not.toContain('cdp_events_p2030_01');
    const keys = await db.selectFrom('cdp_event_dedupe').select('event_id').execute();
    expect(keys.map((k) => k.event_id)).toEqual(['fresh']);
    expect(lines().find((l) => l.message === 'retention run')).toMatchObject({
      task: 'retention-run',
      retention_months: 25,
      partitions_dropped: result.droppedPartitions.length,
      dedupe_keys_deleted: 1,
      changes_deleted: 0,
      change_cursors_dropped: [],
      source_hours_deleted: 0,
      volume_anomalies_deleted: 0,
      access_result_days: 30,
      access_results_deleted: 1,
    });
    expect(await db.selectFrom('cdp_privacy_results').selectAll().execute()).toEqual([]);
  });

  it('keeps every source-hour anomaly detection reads', () => {
    expect(MIN_SOURCE_QUALITY_DAYS * 24).toBeGreaterThanOrEqual(HISTORY_HOURS + MAX_CATCH_UP_HOURS);
  });
});
