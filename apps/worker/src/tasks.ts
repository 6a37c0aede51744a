import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import type { CronItem, TaskList } from 'graphile-worker';
import type { WorkerConfig } from './config';
import { maintenanceCronItems } from './maintenance/maintenance.schedule';
import { PARTITIONS_MAINTAIN_TASK, partitionsMaintainTask } from './maintenance/partitions.task';
import { RETENTION_RUN_TASK, retentionRunTask } from './maintenance/retention.task';
import { SEGMENT_MEMBERSHIP_TASK, segmentMembershipTask } from './segments/membership.task';
import { SEGMENTS_RECOMPUTE_TASK, segmentsRecomputeTask } from './segments/segments-recompute.task';
import { segmentsCronItems } from './segments/segments.schedule';

/** Every task the worker runs, by its name in the queue. */
export const TASK_NAMES = [
  PARTITIONS_MAINTAIN_TASK,
  RETENTION_RUN_TASK,
  SEGMENT_MEMBERSHIP_TASK,
  SEGMENTS_RECOMPUTE_TASK,
] as const;

/** The settings the tasks and their schedules read. */
export type TaskConfig = Pick<
  WorkerConfig,
  | 'PARTITIONS_MAINTAIN_CRON'
  | 'PARTITIONS_MONTHS_AHEAD'
  | 'PARTITIONS_MONTHS_BEHIND'
  | 'RETENTION_RUN_CRON'
  | 'RETENTION_MONTHS'
  | 'SEGMENT_MEMBERSHIP_BATCH'
  | 'SEGMENT_MEMBERSHIP_IDLE_MS'
  | 'SEGMENTS_RECOMPUTE_CRON'
>;

/** The worker's tasks and cron items, wired to the database and logger. */
export function createTasks(
  config: TaskConfig,
  deps: { db: Db; logger: Logger },
): { taskList: TaskList; cronItems: CronItem[] } {
  return {
    taskList: {
      [PARTITIONS_MAINTAIN_TASK]: partitionsMaintainTask({
        ...deps,
        monthsAhead: config.PARTITIONS_MONTHS_AHEAD,
        monthsBehind: config.PARTITIONS_MONTHS_BEHIND,
      }),
      [RETENTION_RUN_TASK]: retentionRunTask({
        ...deps,
        retentionMonths: config.RETENTION_MONTHS,
      }),
      [SEGMENT_MEMBERSHIP_TASK]: segmentMembershipTask({
        ...deps,
        batchSize: config.SEGMENT_MEMBERSHIP_BATCH,
        idleMs: config.SEGMENT_MEMBERSHIP_IDLE_MS,
      }),
      [SEGMENTS_RECOMPUTE_TASK]: segmentsRecomputeTask(deps),
    },
    cronItems: [...maintenanceCronItems(config), ...segmentsCronItems(config)],
  };
}
