import {
  WEBHOOK_DELIVER_TASK,
  dropDelivery,
  loadDeliveryTarget,
  recordAttempt,
} from '@stratum/destinations';
import type { DeliveryJobPayload, RecordedOutcome } from '@stratum/destinations';
import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import { webhookHeaders, webhookMessageId } from '@stratum/webhooks';
import type { Task } from 'graphile-worker';
import type { DestinationMetrics } from './destination-metrics';
import { sendWebhook } from './send-webhook';
import type { WebhookAgents } from './send-webhook';

export { WEBHOOK_DELIVER_TASK };

/** What {@link webhookDeliverTask} needs. */
export interface DeliverTaskDeps {
  db: Db;
  logger: Logger;
  metrics: DestinationMetrics;
  agents: WebhookAgents;
  /** Seconds before each retry (WEBHOOK_RETRY_SCHEDULE). */
  schedule: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
}

/** What one job did: nothing to do, dropped, or an attempt's outcome. */
export type DeliverOutcome = RecordedOutcome | 'dropped' | 'nothing';

/**
 * One attempt of one delivery: load it with its destination, skip it if it is finished, drop
 * it if the destination was deleted or disabled, else POST it signed (Standard Webhooks: the
 * same webhook-id every time, the attempt's own timestamp) and record the outcome, queueing
 * the next attempt in the same transaction when one is due.
 */
export async function deliverWebhook(
  deps: DeliverTaskDeps,
  job: DeliveryJobPayload,
  signal?: AbortSignal,
): Promise<DeliverOutcome> {
  const { db, metrics } = deps;
  const target = await loadDeliveryTarget(db, job.tenant_id, job.delivery_id);
  if (target === undefined || target.status === 'delivered' || target.status === 'dead') {
    return 'nothing';
  }
  if (target.stopped !== undefined) {
    await dropDelivery(db, target, target.stopped);
    metrics.deliveries.inc({ outcome: 'dropped' });
    return 'dropped';
  }
  const message = {
    id: webhookMessageId(target.deliveryId),
    timestamp: Math.floor(Date.now() / 1000),
    body: target.body,
  };
  const result = await sendWebhook(
    {
      url: target.url,
      body: target.body,
      headers: webhookHeaders([target.secret], message),
      timeoutMs: deps.timeoutMs,
      allowPrivate: deps.allowPrivate,
      signal,
    },
    deps.agents,
  );
  metrics.attemptDuration.observe(result.latencyMs / 1000);
  const outcome = await recordAttempt(db, target, result, { schedule: deps.schedule });
  if (outcome !== 'superseded') metrics.deliveries.inc({ outcome });
  if (outcome === 'gone' || outcome === 'dead') {
    deps.logger.warn('webhook delivery ended', {
      task: WEBHOOK_DELIVER_TASK,
      outcome,
      tenant_id: target.tenantId,
      destination_id: target.destinationId,
      delivery_id: target.deliveryId,
      last_status: result.kind === 'answered' ? result.status : null,
    });
  }
  return outcome;
}

/** The queue task: one attempt per job; the worker's schedule, not the queue's, retries. */
export function webhookDeliverTask(deps: DeliverTaskDeps): Task {
  return async (payload, helpers) => {
    await deliverWebhook(deps, payload as DeliveryJobPayload, helpers.abortSignal);
  };
}
