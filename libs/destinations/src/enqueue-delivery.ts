import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { DELIVERY_BATCH_SIZE, addDeliveryBatchJob } from './delivery-queue';

/** A delivery to queue: one payload for one destination. */
export interface NewDelivery {
  tenantId: string;
  destinationId: string;
  /** The change it comes from; null for a test send or an alert. */
  changeId: number | null;
  /**
   * What it is about: within its change, an event id or a profile id; without a change, an
   * alert's own key; null for a test send.
   */
  subjectId: string | null;
  profileId: string | null;
  type: string;
  /** The exact body to send and sign on every attempt. */
  body: string;
}

/**
 * Inserts deliveries and queues their first attempts, in one statement of the caller's
 * transaction: one batch job per destination and up to DELIVERY_BATCH_SIZE deliveries. A
 * delivery already made for the same change, type and subject is skipped (and queued
 * nowhere): reading a change twice fans it out once. Without a change, the same holds of the
 * type and subject (an alert is queued once); test sends, with neither, never collide.
 * @returns the ids of the deliveries inserted, in no particular order
 */
export async function enqueueDeliveries(
  trx: Db,
  deliveries: readonly NewDelivery[],
): Promise<string[]> {
  if (deliveries.length === 0) return [];
  // One JSON parameter whatever the count: a VALUES list would hit the 65,535-parameter cap.
  const rows = JSON.stringify(
    deliveries.map((d) => ({
      tenant_id: d.tenantId,
      destination_id: d.destinationId,
      change_id: d.changeId,
      subject_id: d.subjectId,
      profile_id: d.profileId,
      type: d.type,
      body: d.body,
    })),
  );
  const { rows: inserted } = await sql<{ delivery_id: string }>`
    WITH inserted AS (
      INSERT INTO cdp_deliveries
        (tenant_id, destination_id, change_id, subject_id, profile_id, type, body, next_attempt_at)
      SELECT d.tenant_id, d.destination_id, d.change_id, d.subject_id, d.profile_id, d.type,
        d.body, now()
      FROM jsonb_to_recordset(${rows}::jsonb) AS d(tenant_id uuid, destination_id uuid,
        change_id bigint, subject_id text, profile_id uuid, type text, body text)
      -- Either key: cdp_deliveries_change_key, or cdp_deliveries_subject_key without a change.
      ON CONFLICT DO NOTHING
      RETURNING tenant_id, destination_id, delivery_id
    ),
    numbered AS (
      SELECT i.*, (row_number() OVER (PARTITION BY i.destination_id) - 1)
        / ${DELIVERY_BATCH_SIZE} AS chunk
      FROM inserted i
    ),
    batches AS (
      SELECT array_agg(n.delivery_id) AS ids,
        json_agg(json_build_object('tenant_id', n.tenant_id, 'delivery_id', n.delivery_id))
          AS payload
      FROM numbered n GROUP BY n.destination_id, n.chunk
    )
    SELECT unnest(b.ids) AS delivery_id FROM batches b
    CROSS JOIN LATERAL ${addDeliveryBatchJob(sql.ref('b.payload'))} AS job
  `.execute(trx);
  return inserted.map((r) => r.delivery_id);
}
