import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * The fewest days of source-hours retention keeps: anomaly detection reads five weeks before
 * each hour it judges, and judges hours up to two days back when catching up (the rolling
 * score needs 30 days, fewer). Keep in step with the worker's HISTORY_HOURS.
 */
export const MIN_SOURCE_QUALITY_DAYS = 37;

/** What {@link expireSourceQuality} deleted. */
export interface ExpiredSourceQuality {
  expiredSourceHours: number;
  expiredVolumeAnomalies: number;
}

/**
 * Deletes source-hours and volume anomalies whose hour started more than `days` before
 * `now`. Plain DELETEs: a day's worth is one row per source and hour (a few thousand rows
 * for a large tenant), and the primary keys lead with the tenant, so each table is read
 * whole; at one run a day that costs less than maintaining partitions.
 */
export async function expireSourceQuality(
  db: Db,
  now: Date,
  days: number,
): Promise<ExpiredSourceQuality> {
  const before = sql<Date>`${now}::timestamptz - make_interval(days => ${days})`;
  const hours = await db
    .deleteFrom('cdp_source_hours')
    .where('hour', '<', before)
    .executeTakeFirst();
  const anomalies = await db
    .deleteFrom('cdp_volume_anomalies')
    .where('hour', '<', before)
    .executeTakeFirst();
  return {
    expiredSourceHours: Number(hours.numDeletedRows),
    expiredVolumeAnomalies: Number(anomalies.numDeletedRows),
  };
}
