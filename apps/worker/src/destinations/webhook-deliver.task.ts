import { setMaxListeners } from 'node:events';
import {
  WEBHOOK_DELIVER_TASK,
  dropDelivery,
  loadDeliveryTarget,
  loadDeliveryTargets,
  recordAttempt,
  recordDelivered,
} from '@stratum/destinations';
import type {
  AttemptResult,
  DeliveryBatchPayload,
  DeliveryJobPayload,
  DeliveryTarget,
  RecordedOutcome,
} from '@stratum/destinations';
import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import { attemptOutcome, webhookHeaders, webhookMessageId } from '@stratum/webhooks';
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
  /** POSTs of one batch in flight at once (WEBHOOK_BATCH_SENDS). */
  batchSends: number;
}

/** What one job did: nothing to do, dropped, or an attempt's outcome. */
export type DeliverOutcome = RecordedOutcome | 'dropped' | 'nothing';

/** Whether a delivery is due an attempt: nothing if it is finished, dropped if stopped. */
async function triage(
  deps: DeliverTaskDeps,
  target: DeliveryTarget | undefined,
): Promise<'send' | 'nothing' | 'dropped'> {
  if (target === undefined || target.status === 'delivered' || target.status === 'dead') {
    return 'nothing';
  }
  if (target.stopped !== undefined) {
    await dropDelivery(deps.db, target, target.stopped);
    deps.metrics.deliveries.inc({ outcome: 'dropped' });
    return 'dropped';
  }
  return 'send';
}

/** POSTs a delivery signed (Standard Webhooks: the same webhook-id every time, the attempt's own timestamp). */
async function attempt(
  deps: DeliverTaskDeps,
  target: DeliveryTarget,
  signal: AbortSignal | undefined,
): Promise<AttemptResult> {
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
  deps.metrics.attemptDuration.observe(result.latencyMs / 1000);
  return result;
}

function counted(
  deps: DeliverTaskDeps,
  target: DeliveryTarget,
  result: AttemptResult,
  outcome: RecordedOutcome,
): RecordedOutcome {
  if (outcome !== 'superseded') deps.metrics.deliveries.inc({ outcome });
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

/**
 * One attempt of one delivery: load it with its destination, skip it if it is finished, drop
 * it if the destination was deleted or disabled, else POST it signed and record the outcome,
 * queueing the next attempt in the same transaction when one is due.
 */
async function deliverWebhook(
  deps: DeliverTaskDeps,
  job: DeliveryJobPayload,
  signal?: AbortSignal,
): Promise<DeliverOutcome> {
  const target = await loadDeliveryTarget(deps.db, job.tenant_id, job.delivery_id);
  const due = await triage(deps, target);
  if (due !== 'send') return due;
  const result = await attempt(deps, target!, signal);
  const outcome = await recordAttempt(deps.db, target!, result, { schedule: deps.schedule });
  return counted(deps, target!, result, outcome);
}

/**
 * The first attempts of a batch of new deliveries: one read for all of them, their POSTs
 * `batchSends` at a time, one write for every one delivered; the others are recorded one by
 * one as deliverWebhook records them (a retry queued with its row, 410 disabling).
 * @returns each delivery's outcome, by id
 */
export async function deliverBatch(
  deps: DeliverTaskDeps,
  jobs: DeliveryBatchPayload,
  signal?: AbortSignal,
): Promise<Map<string, DeliverOutcome>> {
  const outcomes = new Map<string, DeliverOutcome>(jobs.map((j) => [j.delivery_id, 'nothing']));
  const targets: DeliveryTarget[] = [];
  for (const [tenantId, ids] of byTenant(jobs)) {
    for (const target of await loadDeliveryTargets(deps.db, tenantId, ids)) {
      const due = await triage(deps, target);
      if (due === 'send') targets.push(target);
      else outcomes.set(target.deliveryId, due);
    }
  }
  const results = await withBatchSignal(signal, deps.batchSends, (batchSignal) =>
    mapConcurrently(targets, deps.batchSends, (target) => attempt(deps, target, batchSignal)),
  );

  const delivered: { target: DeliveryTarget; result: AttemptResult & { kind: 'answered' } }[] = [];
  const others: { target: DeliveryTarget; result: AttemptResult }[] = [];
  targets.forEach((target, i) => {
    const result = results[i]!;
    if (result.kind === 'answered' && attemptOutcome(result.status) === 'delivered') {
      delivered.push({ target, result });
    } else {
      others.push({ target, result });
    }
  });
  const recorded = await recordDelivered(
    deps.db,
    delivered.map(({ target, result }) => ({
      tenantId: target.tenantId,
      deliveryId: target.deliveryId,
      status: result.status,
      latencyMs: result.latencyMs,
    })),
  );
  for (const { target, result } of delivered) {
    const outcome = recorded.has(target.deliveryId) ? 'delivered' : 'superseded';
    outcomes.set(target.deliveryId, counted(deps, target, result, outcome));
  }
  for (const { target, result } of others) {
    const outcome = await recordAttempt(deps.db, target, result, { schedule: deps.schedule });
    outcomes.set(target.deliveryId, counted(deps, target, result, outcome));
  }
  return outcomes;
}

/**
 * Runs `work` under a signal of its own that follows the job's: the batch's attempts, up to
 * `sends` at once, each listen to it, and the job's signal (which the runner shares between
 * its jobs) gets one listener per batch, not one per attempt.
 */
async function withBatchSignal<T>(
  jobSignal: AbortSignal | undefined,
  sends: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const batch = new AbortController();
  setMaxListeners(sends + 10, batch.signal);
  const stop = () => batch.abort();
  if (jobSignal?.aborted === true) stop();
  jobSignal?.addEventListener('abort', stop, { once: true });
  try {
    return await work(batch.signal);
  } finally {
    jobSignal?.removeEventListener('abort', stop);
  }
}

function byTenant(jobs: DeliveryBatchPayload): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const job of jobs) {
    const ids = map.get(job.tenant_id) ?? [];
    ids.push(job.delivery_id);
    map.set(job.tenant_id, ids);
  }
  return map;
}

/** `work` over `items`, at most `limit` at once, results in the items' order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * The queue task: a batch of first attempts (an array payload) or one later attempt; the
 * worker's schedule, not the queue's, retries.
 */
export function webhookDeliverTask(deps: DeliverTaskDeps): Task {
  return async (payload, helpers) => {
    if (Array.isArray(payload)) {
      await deliverBatch(deps, payload as DeliveryBatchPayload, helpers.abortSignal);
    } else {
      await deliverWebhook(deps, payload as DeliveryJobPayload, helpers.abortSignal);
    }
  };
}
