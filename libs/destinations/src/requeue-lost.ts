import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { QUEUE_SCHEMA, WEBHOOK_DELIVER_TASK, addDeliveryJob } from './delivery-queue';

export interface RequeueOptions {
  /**
   * How long past its due time a delivery may wait before its job counts as lost: longer
   * than one attempt may take (WEBHOOK_TIMEOUT_MS) plus the queue's own delay.
   */
  graceSeconds: number;
  /** At most this many per run. */
  limit: number;
}

/**
 * Queues again the deliveries whose job is gone: a worker killed during an attempt leaves
 * its job locked (the queue frees it only hours later, and a single-attempt job is then
 * spent), and a job whose task failed outright is spent at once. A due delivery counts as
 * lost when no job of its key, nor a batch job naming it, is waiting or has been running for
 * less than the grace.
 * @returns how many were queued
 */
export async function requeueLostDeliveries(db: Db, options: RequeueOptions): Promise<number> {
  const grace = sql`make_interval(secs => ${options.graceSeconds})`;
  return db.transaction().execute(async (trx) => {
    const alive = sql`(j.locked_at IS NULL AND j.attempts < j.max_attempts
      OR j.locked_at > now() - ${grace})`;
    const { rows: lost } = await sql<{ tenant_id: string; delivery_id: string }>`
      WITH batched AS (
        -- First attempts wait in batch jobs (no key), named in the payload.
        SELECT (e.item->>'delivery_id')::uuid AS delivery_id
        FROM ${sql.id(QUEUE_SCHEMA, '_private_jobs')} j
        CROSS JOIN LATERAL json_array_elements(j.payload) AS e(item)
        WHERE j.key IS NULL AND json_typeof(j.payload) = 'array' AND ${alive}
      )
      SELECT d.tenant_id, d.delivery_id FROM cdp_deliveries d
      WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at < now() - ${grace}
        AND NOT EXISTS (
          SELECT 1 FROM ${sql.id(QUEUE_SCHEMA, 'jobs')} j
          WHERE j.key = d.delivery_id::text AND ${alive})
        AND NOT EXISTS (SELECT 1 FROM batched b WHERE b.delivery_id = d.delivery_id)
      ORDER BY d.next_attempt_at
      LIMIT ${options.limit}
      FOR UPDATE OF d SKIP LOCKED`.execute(trx);
    // Batch jobs past the grace are dead (a failed or abandoned job is never run again): they
    // go, and their undelivered deliveries, named nowhere else now, are found lost.
    await sql`DELETE FROM ${sql.id(QUEUE_SCHEMA, '_private_jobs')} j
      WHERE j.key IS NULL AND json_typeof(j.payload) = 'array'
        AND j.task_id = (SELECT t.id FROM ${sql.id(QUEUE_SCHEMA, '_private_tasks')} t
          WHERE t.identifier = ${WEBHOOK_DELIVER_TASK})
        AND NOT ${alive}`.execute(trx);
    if (lost.length === 0) return 0;
    const ids = lost.map((r) => r.delivery_id);
    // A dead worker's lock would keep the job (and its key) for hours: release it, so that
    // the add below resets that job instead of leaving a spent copy behind. The queue's
    // public functions release locks only by worker, and that worker may be alive but hung.
    await sql`UPDATE ${sql.id(QUEUE_SCHEMA, '_private_jobs')}
      SET locked_at = NULL, locked_by = NULL
      WHERE key = ANY(${ids}::text[]) AND locked_at IS NOT NULL`.execute(trx);
    const { rows } = await sql<{ requeued: number }>`
      WITH requeued AS (
        UPDATE cdp_deliveries d SET next_attempt_at = now()
        WHERE d.delivery_id = ANY(${ids}::uuid[])
        RETURNING d.tenant_id, d.delivery_id
      )
      SELECT count(*)::int AS requeued FROM requeued r
      CROSS JOIN LATERAL ${addDeliveryJob(sql.ref('r.tenant_id'), sql.ref('r.delivery_id'))} AS job
    `.execute(trx);
    return rows[0]?.requeued ?? 0;
  });
}
