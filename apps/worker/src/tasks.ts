import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import type { CronItem, TaskList } from 'graphile-worker';
import type { Registry } from 'prom-client';
import { retryScheduleOf } from './config';
import type { WorkerConfig } from './config';
import { createDestinationMetrics } from './destinations/destination-metrics';
import { createWebhookAgents } from './destinations/send-webhook';
import { WEBHOOK_DELIVER_TASK, webhookDeliverTask } from './destinations/webhook-deliver.task';
import { WEBHOOK_REQUEUE_TASK, webhookRequeueTask } from './destinations/webhook-requeue.task';
import { destinationsCronItems } from './destinations/destinations.schedule';
import { DESTINATIONS_FANOUT_TASK, destinationsFanoutTask } from './destinations/fanout.task';
import { createInboxMetrics } from './inbox/inbox-metrics';
import { INBOX_RESOLVE_TASK, inboxResolveTask } from './inbox/inbox-resolve.task';
import { inboxCronItems } from './inbox/inbox.schedule';
import { maintenanceCronItems } from './maintenance/maintenance.schedule';
import { PARTITIONS_MAINTAIN_TASK, partitionsMaintainTask } from './maintenance/partitions.task';
import { RETENTION_RUN_TASK, retentionRunTask } from './maintenance/retention.task';
import { PRIVACY_REQUEST_TASK, privacyRequestTask } from './privacy/privacy-request.task';
import { createQualityMetrics } from './quality/quality-metrics';
import { qualityCronItems } from './quality/quality.schedule';
import { SOURCE_HOURS_TASK, sourceHoursTask } from './quality/source-hours.task';
import { SEGMENT_MEMBERSHIP_TASK, segmentMembershipTask } from './segments/membership.task';
import { SEGMENTS_RECOMPUTE_TASK, segmentsRecomputeTask } from './segments/segments-recompute.task';
import { segmentsCronItems } from './segments/segments.schedule';

/** Every task the worker runs, by its name in the queue. */
export const TASK_NAMES = [
  PARTITIONS_MAINTAIN_TASK,
  RETENTION_RUN_TASK,
  PRIVACY_REQUEST_TASK,
  SEGMENT_MEMBERSHIP_TASK,
  SEGMENTS_RECOMPUTE_TASK,
  DESTINATIONS_FANOUT_TASK,
  WEBHOOK_DELIVER_TASK,
  WEBHOOK_REQUEUE_TASK,
  SOURCE_HOURS_TASK,
  INBOX_RESOLVE_TASK,
] as const;

/** The settings the tasks and their schedules read. */
export type TaskConfig = Pick<
  WorkerConfig,
  | 'PARTITIONS_MAINTAIN_CRON'
  | 'PARTITIONS_MONTHS_AHEAD'
  | 'PARTITIONS_MONTHS_BEHIND'
  | 'RETENTION_RUN_CRON'
  | 'RETENTION_MONTHS'
  | 'PRIVACY_ACCESS_RESULT_DAYS'
  | 'SEGMENT_MEMBERSHIP_BATCH'
  | 'SEGMENT_MEMBERSHIP_IDLE_MS'
  | 'SEGMENTS_RECOMPUTE_CRON'
  | 'DESTINATIONS_FANOUT_BATCH'
  | 'DESTINATIONS_FANOUT_IDLE_MS'
  | 'DESTINATIONS_ALLOW_PRIVATE'
  | 'WEBHOOK_TIMEOUT_MS'
  | 'WEBHOOK_RETRY_SCHEDULE'
  | 'WEBHOOK_BATCH_SENDS'
  | 'SOURCE_HOURS_CRON'
  | 'INBOX_RESOLVERS'
  | 'INBOX_BATCH'
  | 'INBOX_IDLE_MS'
>;

/**
 * The worker's tasks and cron items, wired to the database and logger; the tasks' own
 * metrics go to `registry` (the worker's /metrics).
 */
export function createTasks(
  config: TaskConfig,
  deps: { db: Db; logger: Logger; registry?: Registry },
): { taskList: TaskList; cronItems: CronItem[] } {
  const { registry, ...shared } = deps;
  const destinationMetrics = createDestinationMetrics(registry);
  const qualityMetrics = createQualityMetrics(registry);
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
        accessResultDays: config.PRIVACY_ACCESS_RESULT_DAYS,
      }),
      [SEGMENT_MEMBERSHIP_TASK]: segmentMembershipTask({
        ...deps,
        batchSize: config.SEGMENT_MEMBERSHIP_BATCH,
        idleMs: config.SEGMENT_MEMBERSHIP_IDLE_MS,
      }),
      [SEGMENTS_RECOMPUTE_TASK]: segmentsRecomputeTask(deps),
      [PRIVACY_REQUEST_TASK]: privacyRequestTask(shared),
      [DESTINATIONS_FANOUT_TASK]: destinationsFanoutTask({
        ...shared,
        metrics: destinationMetrics,
        batchSize: config.DESTINATIONS_FANOUT_BATCH,
        idleMs: config.DESTINATIONS_FANOUT_IDLE_MS,
      }),
      [WEBHOOK_DELIVER_TASK]: webhookDeliverTask({
        ...shared,
        metrics: destinationMetrics,
        agents: createWebhookAgents(config.WEBHOOK_BATCH_SENDS),
        schedule: retryScheduleOf(config.WEBHOOK_RETRY_SCHEDULE),
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        allowPrivate: config.DESTINATIONS_ALLOW_PRIVATE,
        batchSends: config.WEBHOOK_BATCH_SENDS,
      }),
      [WEBHOOK_REQUEUE_TASK]: webhookRequeueTask({
        ...shared,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        batchSends: config.WEBHOOK_BATCH_SENDS,
      }),
      [SOURCE_HOURS_TASK]: sourceHoursTask({ ...shared, metrics: qualityMetrics }),
      [INBOX_RESOLVE_TASK]: inboxResolveTask({
        ...shared,
        metrics: createInboxMetrics(registry, deps.db),
        resolvers: config.INBOX_RESOLVERS,
        batchSize: config.INBOX_BATCH,
        idleMs: config.INBOX_IDLE_MS,
      }),
    },
    cronItems: [
      ...maintenanceCronItems(config),
      ...segmentsCronItems(config),
      ...destinationsCronItems(),
      ...qualityCronItems(config),
      ...inboxCronItems(config),
    ],
  };
}
