import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { addDeliveryJob } from './delivery-queue';

/** A delivery to queue: one payload for one destination. */
export interface NewDelivery {
  tenantId: string;
  destinationId: string;
  /** The change it comes from; null for a test send. */
  changeId: number | null;
  /** What it is about within its change (an event id, a profile id); null for a test send. */
  subjectId: string | null;
  profileId: string | null;
  type: string;
  /** The exact body to send and sign on every attempt. */
  body: string;
}

/**
 * Inserts deliveries and queues a job for each, in one statement of the caller's
 * transaction. A delivery already made for the same change, type and subject is skipped
 * (with no second job): reading a change twice fans it out once.
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
      ON CONFLICT ON CONSTRAINT cdp_deliveries_change_key DO NOTHING
      RETURNING tenant_id, delivery_id
    )
    SELECT i.delivery_id FROM inserted i
    CROSS JOIN LATERAL ${addDeliveryJob(sql.ref('i.tenant_id'), sql.ref('i.delivery_id'))} AS job
  `.execute(trx);
  return inserted.map((r) => r.delivery_id);
}
