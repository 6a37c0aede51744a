import type { CronItem } from 'graphile-worker';
import { SOURCE_HOURS_TASK } from './source-hours.task';

/** The schedule settings of the quality task (from the worker's configuration). */
export interface QualitySchedule {
  SOURCE_HOURS_CRON: string;
}

/**
 * The source-hours cron item: one job waiting at most. No backfill: a run catches up every
 * hour missed while no worker was up (up to two days) by itself.
 */
export function qualityCronItems(schedule: QualitySchedule): CronItem[] {
  return [
    {
      task: SOURCE_HOURS_TASK,
      identifier: SOURCE_HOURS_TASK,
      match: schedule.SOURCE_HOURS_CRON.trim(),
      options: { jobKey: SOURCE_HOURS_TASK, maxAttempts: 5 },
    },
  ];
}
