import { DELIVERY_BATCH_SIZE, requeueLostDeliveries } from '@stratum/destinations';
import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import type { Task } from 'graphile-worker';

/** The queue's name of the task that finds deliveries whose job was lost. */
export const WEBHOOK_REQUEUE_TASK = 'webhook-requeue';

// Beyond the longest attempt: the queue notices a new job at once, a scheduled one by polling.
const GRACE_BEYOND_TIMEOUT_SECONDS = 60;
const BATCH = 1000;

/** What {@link webhookRequeueTask} needs. */
export interface RequeueTaskDeps {
  db: Db;
  logger: Logger;
  /** WEBHOOK_TIMEOUT_MS: an attempt running longer than this is no longer running. */
  timeoutMs: number;
  /** WEBHOOK_BATCH_SENDS: a batch job makes its attempts this many at a time. */
  batchSends: number;
}

/**
 * Queues again, in batches, the due deliveries that have no live job (a worker killed during
 * an attempt, a task that failed outright), so that nothing queued is ever lost for good.
 */
export function webhookRequeueTask(deps: RequeueTaskDeps): Task {
  return async () => {
    // A batch job's attempts go in rounds of batchSends, each at most one timeout long.
    const rounds = Math.ceil(DELIVERY_BATCH_SIZE / deps.batchSends);
    const graceSeconds = rounds * Math.ceil(deps.timeoutMs / 1000) + GRACE_BEYOND_TIMEOUT_SECONDS;
    let total = 0;
    for (;;) {
      const requeued = await requeueLostDeliveries(deps.db, { graceSeconds, limit: BATCH });
      total += requeued;
      if (requeued < BATCH) break;
    }
    if (total > 0)
      deps.logger.warn('webhook deliveries queued again', {
        task: WEBHOOK_REQUEUE_TASK,
        requeued: total,
      });
  };
}
