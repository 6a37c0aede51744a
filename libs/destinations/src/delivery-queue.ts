import { sql } from 'kysely';
import type { Expression, RawBuilder } from 'kysely';

/** The worker's task that makes a delivery's next attempt. */
export const WEBHOOK_DELIVER_TASK = 'webhook-deliver';

/** The payload of a `webhook-deliver` job for one delivery (an attempt after the first). */
export interface DeliveryJobPayload {
  tenant_id: string;
  delivery_id: string;
}

/**
 * The payload of a `webhook-deliver` job for new deliveries to one destination: their first
 * attempts, made together (one read, concurrent POSTs, one write for those delivered).
 */
export type DeliveryBatchPayload = DeliveryJobPayload[];

/** New deliveries per batch job, at most. */
export const DELIVERY_BATCH_SIZE = 100;

/** The schema the job queue (graphile-worker) installs when the worker first starts. */
export const QUEUE_SCHEMA = 'graphile_worker';

/**
 * A call of the queue's own SQL function that adds a delivery's job, to run in the caller's
 * transaction: the job exists exactly when the row change that needs it commits. The job
 * key is the delivery id, so a delivery has at most one job waiting (a later add replaces
 * its run time). One attempt per job: the worker owns retries (our schedule, recorded on
 * the row), not the queue.
 */
export function addDeliveryJob(
  tenantId: Expression<string>,
  deliveryId: Expression<string>,
  runAt: Expression<Date> | RawBuilder<Date> = sql<Date>`now()`,
): RawBuilder<unknown> {
  // Casts: a bound value has no type of its own in json_build_object's variadic arguments.
  return sql`${sql.id(QUEUE_SCHEMA, 'add_job')}(
    ${WEBHOOK_DELIVER_TASK}::text,
    json_build_object('tenant_id', (${tenantId})::text, 'delivery_id', (${deliveryId})::text),
    run_at => (${runAt})::timestamptz,
    max_attempts => 1,
    job_key => (${deliveryId})::text
  )`;
}

/**
 * A call of the queue's own SQL function that adds one batch job: the first attempts of the
 * deliveries in `payload` (a JSON array of {@link DeliveryJobPayload}). No job key: a
 * delivery of a batch is found by its id in the payload (see requeueLostDeliveries).
 */
export function addDeliveryBatchJob(payload: Expression<unknown>): RawBuilder<unknown> {
  return sql`${sql.id(QUEUE_SCHEMA, 'add_job')}(
    ${WEBHOOK_DELIVER_TASK}::text,
    (${payload})::json,
    max_attempts => 1
  )`;
}

/**
 * Whether a database error says the job queue is not installed yet: the worker installs it
 * when it first starts, so a delivery cannot be queued before then.
 */
export function isQueueMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 3F000 invalid_schema_name, 42883 undefined_function.
  return code === '3F000' || code === '42883';
}
