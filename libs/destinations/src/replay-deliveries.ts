import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { addDeliveryJob } from './delivery-queue';
import { DELIVERY_COLUMNS, deliveryRowToRecord } from './delivery-row';
import type { DeliveryRecord } from './delivery-row';

// A replay sends the same body under the same webhook-id, with a fresh retry schedule.
const REPLAYED = sql`status = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = NULL`;

/**
 * Queues one delivery of a destination again, whatever its state, now. The caller checks
 * that the destination is live and enabled.
 * @returns the delivery as queued, or undefined when the destination has no such delivery
 */
export async function replayDelivery(
  db: Db,
  tenantId: string,
  destinationId: string,
  deliveryId: string,
): Promise<DeliveryRecord | undefined> {
  const { rows } = await sql<Parameters<typeof deliveryRowToRecord>[0]>`
    WITH replayed AS (
      UPDATE cdp_deliveries SET ${REPLAYED}
      WHERE tenant_id = ${tenantId} AND destination_id = ${destinationId}
        AND delivery_id = ${deliveryId}
      RETURNING ${sql.join(DELIVERY_COLUMNS.map((c) => sql.ref(c)))}
    )
    SELECT r.* FROM replayed r
    CROSS JOIN LATERAL ${addDeliveryJob(sql.ref('r.tenant_id'), sql.ref('r.delivery_id'))} AS job
  `.execute(db);
  const row = rows[0];
  return row && deliveryRowToRecord(row);
}

/**
 * Queues every dead delivery of a destination again, now, each with a fresh schedule, in one
 * statement. The caller checks that the destination is live and enabled.
 * @returns how many were queued
 */
export async function replayDeadDeliveries(
  db: Db,
  tenantId: string,
  destinationId: string,
): Promise<number> {
  const { rows } = await sql<{ replayed: number }>`
    WITH replayed AS (
      UPDATE cdp_deliveries SET ${REPLAYED}
      WHERE tenant_id = ${tenantId} AND destination_id = ${destinationId} AND status = 'dead'
      RETURNING tenant_id, delivery_id
    )
    SELECT count(*)::int AS replayed FROM replayed r
    CROSS JOIN LATERAL ${addDeliveryJob(sql.ref('r.tenant_id'), sql.ref('r.delivery_id'))} AS job
  `.execute(db);
  return rows[0]?.replayed ?? 0;
}
