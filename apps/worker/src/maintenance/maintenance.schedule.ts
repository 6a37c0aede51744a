import type { CronItem } from 'graphile-worker';
import { PARTITIONS_MAINTAIN_TASK } from './partitions.task';
import { RETENTION_RUN_TASK } from './retention.task';

/** The schedule settings of the maintenance tasks (from the worker's configuration). */
export interface MaintenanceSchedule {
  PARTITIONS_MAINTAIN_CRON: string;
  RETENTION_RUN_CRON: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// Shared by both: partition DDL is serialised anyway, and one queue keeps them from waiting
// on each other's lock with a connection each.
const options = {
  queueName: 'maintenance',
  // A run missed while no worker was up is made up for at start, once.
  backfillPeriod: DAY_MS,
  // About three and a half hours of retries with the queue's exponential back-off, then it
  // counts as failed (cdp_worker_jobs_failed_total) and waits for tomorrow's run.
  maxAttempts: 10,
} as const;

/**
 * The daily maintenance as cron items of the queue. The queue records each item's last run
 * in the database, so however many workers run, each time is scheduled once; the job key
 * keeps at most one pending job per task.
 */
export function maintenanceCronItems(schedule: MaintenanceSchedule): CronItem[] {
  return [
    {
      task: PARTITIONS_MAINTAIN_TASK,
      identifier: PARTITIONS_MAINTAIN_TASK,
      match: schedule.PARTITIONS_MAINTAIN_CRON.trim(),
      options: { ...options, jobKey: PARTITIONS_MAINTAIN_TASK },
    },
    {
      task: RETENTION_RUN_TASK,
      identifier: RETENTION_RUN_TASK,
      match: schedule.RETENTION_RUN_CRON.trim(),
      options: { ...options, jobKey: RETENTION_RUN_TASK },
    },
  ];
}
