import type { DeliveryRow, DeliveryStatus } from '@stratum/db';
import { webhookMessageId } from '@stratum/webhooks';

/** A delivery of the log, as TypeScript code sees it (without its body). */
export interface DeliveryRecord {
  tenantId: string;
  deliveryId: string;
  destinationId: string;
  /** The `webhook-id` of its every attempt. */
  webhookId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  latencyMs: number | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The columns {@link deliveryRowToRecord} reads. */
export const DELIVERY_COLUMNS = [
  'tenant_id',
  'delivery_id',
  'destination_id',
  'type',
  'status',
  'attempts',
  'last_status',
  'last_error',
  'latency_ms',
  'next_attempt_at',
  'last_attempt_at',
  'created_at',
  'delivered_at',
] as const;

/** Maps a row to a {@link DeliveryRecord}. */
export function deliveryRowToRecord(
  row: Pick<DeliveryRow, (typeof DELIVERY_COLUMNS)[number]>,
): DeliveryRecord {
  return {
    tenantId: row.tenant_id,
    deliveryId: row.delivery_id,
    destinationId: row.destination_id,
    webhookId: webhookMessageId(row.delivery_id),
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    latencyMs: row.latency_ms,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}
