import { sql } from 'kysely';
import type { Db } from '../database';
import { listEventPartitions, lockPartitionMaintenance } from '../partitions/event-partitions';
import { addUtcMonths, startOfUtcMonth } from '../partitions/month';
import { expireAccessResults } from './expire-access-results';
import { expireChanges } from './expire-changes';
import { MIN_SOURCE_QUALITY_DAYS, expireSourceQuality } from './expire-source-quality';

export interface RetentionOptions {
  /** The reference time (default: now). */
  now?: Date;
  /** Months of events to keep, counted in whole UTC months before the current one (default 25). */
  retentionMonths?: number;
  /** Days of the rejected-events log to keep (default 7). */
  rejectedEventDays?: number;
  /** Days of the change feed to keep (default 7): the longest a consumer may fall behind. */
  changeDays?: number;
  /**
   * Days of source-hours and volume anomalies to keep (default 90, at least
   * MIN_SOURCE_QUALITY_DAYS: what anomaly detection reads).
   */
  sourceQualityDays?: number;
  /** Days an access request's document is kept after the request finished (default 30). */
  accessResultDays?: number;
}

export interface RetentionResult {
  droppedPartitions: string[];
  expiredDedupeKeys: number;
  expiredRejectedEvents: number;
  expiredChanges: number;
  /** Consumers that had not read every expired change: their cursor is gone (resync). */
  droppedChangeCursors: string[];
  expiredSourceHours: number;
  expiredVolumeAnomalies: number;
  /** Access documents deleted (their requests are marked `result_expired_at`). */
  expiredAccessResults: number;
}

/**
 * Drops every monthly event partition whose upper bound is at or before the first day of the
 * UTC month `retentionMonths` before `now`, then deletes dedupe keys older than their tenant's
 * dedupe window. Profiles, identifiers, merges and consents are never touched, nor is the
 * DEFAULT partition (rows there wait for `maintainPartitions` to file them). Last, deletes
 * rejected-events log entries older than `rejectedEventDays`, and change-feed rows older than
 * `changeDays` with the cursors of the consumers that had not read them (see expireChanges),
 * and source-hours and volume anomalies older than `sourceQualityDays`, and the documents of
 * access requests finished more than `accessResultDays` ago (see expireAccessResults).
 */
export async function runRetention(
  db: Db,
  options: RetentionOptions = {},
): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const retentionMonths = options.retentionMonths ?? 25;
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1) {
    throw new RangeError('runRetention: retentionMonths must be a positive integer');
  }
  const rejectedEventDays = options.rejectedEventDays ?? 7;
  if (!Number.isInteger(rejectedEventDays) || rejectedEventDays < 1) {
    throw new RangeError('runRetention: rejectedEventDays must be a positive integer');
  }
  const changeDays = options.changeDays ?? 7;
  if (!Number.isInteger(changeDays) || changeDays < 1) {
    throw new RangeError('runRetention: changeDays must be a positive integer');
  }
  const sourceQualityDays = options.sourceQualityDays ?? 90;
  if (!Number.isInteger(sourceQualityDays) || sourceQualityDays < MIN_SOURCE_QUALITY_DAYS) {
    throw new RangeError(
      `runRetention: sourceQualityDays must be an integer of at least ${MIN_SOURCE_QUALITY_DAYS}`,
    );
  }
  const accessResultDays = options.accessResultDays ?? 30;
  if (!Number.isInteger(accessResultDays) || accessResultDays < 1) {
    throw new RangeError('runRetention: accessResultDays must be a positive integer');
  }
  const cutoff = addUtcMonths(startOfUtcMonth(now), -retentionMonths);

  const expired = (await listEventPartitions(db)).filter(
    (p) => !p.isDefault && p.to !== null && p.to.getTime() <= cutoff.getTime(),
  );
  const droppedPartitions: string[] = [];
  for (const partition of expired) {
    // Dropping a whole partition is the only way event rows ever leave: the table is
    // append-only, and a DROP costs nothing compared to deleting rows.
    await db.transaction().execute(async (trx) => {
      await lockPartitionMaintenance(trx);
      await sql`DROP TABLE IF EXISTS ${sql.id(partition.name)}`.execute(trx);
    });
    droppedPartitions.push(partition.name);
  }

  const deleted = await db
    .deleteFrom('cdp_event_dedupe as d')
    .using('cdp_tenants as t')
    .whereRef('d.tenant_id', '=', 't.tenant_id')
    .where(
      'd.received_at',
      '<',
      sql<Date>`${now}::timestamptz - make_interval(days => t.dedupe_window_days)`,
    )
    .executeTakeFirst();

  // A DELETE, not partitions: the log is small (rejections only, 7 days), and its BRIN
  // index on rejected_at finds the expired rows without a daily partition to maintain.
  const rejected = await db
    .deleteFrom('cdp_rejected_events')
    .where(
      'rejected_at',
      '<',
      sql<Date>`${now}::timestamptz - make_interval(days => ${rejectedEventDays})`,
    )
    .executeTakeFirst();

  const changes = await expireChanges(db, now, changeDays);
  const quality = await expireSourceQuality(db, now, sourceQualityDays);
  const expiredAccessResults = await expireAccessResults(db, now, accessResultDays);

  return {
    droppedPartitions,
    expiredDedupeKeys: Number(deleted.numDeletedRows),
    expiredRejectedEvents: Number(rejected.numDeletedRows),
    expiredChanges: changes.expiredChanges,
    droppedChangeCursors: changes.droppedCursors,
    ...quality,
    expiredAccessResults,
  };
}
