import { runRetention } from '@stratum/db';
import type { Db, RetentionResult } from '@stratum/db';
import type { Logger } from '@stratum/http';
import type { Task } from 'graphile-worker';

/** The queue's name of the task that runs `cdp retention run`. */
export const RETENTION_RUN_TASK = 'retention-run';

/** What {@link retentionRunTask} needs. */
export interface RetentionTaskDeps {
  db: Db;
  logger: Logger;
  retentionMonths: number;
  /** Days an access document is kept after its request finished. */
  accessResultDays: number;
}

/**
 * Drops the event partitions past retention and deletes the expired dedupe keys, rejected
 * events, changes, source-hours, volume anomalies and access documents, as `cdp retention run`
 * does, and logs what went (partition names, counts and the consumers whose change cursor was
 * dropped).
 */
export async function runEventRetention(
  deps: RetentionTaskDeps,
  now: Date = new Date(),
): Promise<RetentionResult> {
  const result = await runRetention(deps.db, {
    now,
    retentionMonths: deps.retentionMonths,
    accessResultDays: deps.accessResultDays,
  });
  deps.logger.info('retention run', {
    task: RETENTION_RUN_TASK,
    retention_months: deps.retentionMonths,
    partitions_dropped: result.droppedPartitions.length,
    dropped: result.droppedPartitions,
    dedupe_keys_deleted: result.expiredDedupeKeys,
    changes_deleted: result.expiredChanges,
    source_hours_deleted: result.expiredSourceHours,
    volume_anomalies_deleted: result.expiredVolumeAnomalies,
    access_result_days: deps.accessResultDays,
    access_results_deleted: result.expiredAccessResults,
    // A consumer named here fell behind past the feed's retention and must rebuild.
    change_cursors_dropped: result.droppedChangeCursors,
  });
  return result;
}

/** The queue task; its payload (the cron's timestamp, or none) changes nothing. */
export function retentionRunTask(deps: RetentionTaskDeps): Task {
  return async () => {
    await runEventRetention(deps);
  };
}
