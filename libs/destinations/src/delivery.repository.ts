import { sql } from 'kysely';
import type { Db, DeliveryStatus } from '@stratum/db';
import { encodeDeliveryCursor } from './delivery-cursor';
import { DELIVERY_COLUMNS, deliveryRowToRecord } from './delivery-row';
import type { DeliveryRecord } from './delivery-row';

/** Which page of a destination's delivery log to read. */
export interface DeliveriesPageOptions {
  status?: DeliveryStatus;
  limit: number;
  /** The last delivery of the previous page (a decoded cursor). */
  after?: string;
}

/** One page of a delivery log, newest first. */
export interface DeliveriesPage {
  deliveries: DeliveryRecord[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/**
 * A destination's deliveries, newest first, by (created_at, delivery_id) on its index. The
 * position comes from the cursor's delivery row, read back in the same statement, so it
 * keeps the database's microseconds that a JavaScript date would lose.
 */
export async function listDeliveries(
  db: Db,
  tenantId: string,
  destinationId: string,
  options: DeliveriesPageOptions,
): Promise<DeliveriesPage> {
  const { status, limit, after } = options;
  const rows = await db
    .selectFrom('cdp_deliveries as d')
    .select(DELIVERY_COLUMNS.map((c) => `d.${c}` as const))
    .where('d.tenant_id', '=', tenantId)
    .where('d.destination_id', '=', destinationId)
    .$if(status !== undefined, (q) => q.where('d.status', '=', status!))
    .$if(after !== undefined, (q) =>
      q.where(
        sql<boolean>`(d.created_at, d.delivery_id) < (
          SELECT c.created_at, c.delivery_id FROM cdp_deliveries c
          WHERE c.tenant_id = ${tenantId} AND c.destination_id = ${destinationId}
            AND c.delivery_id = ${after!})`,
      ),
    )
    .orderBy('d.created_at', 'desc')
    .orderBy('d.delivery_id', 'desc')
    .limit(limit + 1)
    .execute();
  const deliveries = rows.slice(0, limit).map(deliveryRowToRecord);
  const last = deliveries.at(-1);
  return {
    deliveries,
    nextCursor: rows.length > limit && last ? encodeDeliveryCursor(last.deliveryId) : null,
  };
}

/** One delivery of a destination, or undefined. */
export async function findDelivery(
  db: Db,
  tenantId: string,
  destinationId: string,
  deliveryId: string,
): Promise<DeliveryRecord | undefined> {
  const row = await db
    .selectFrom('cdp_deliveries')
    .select(DELIVERY_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('destination_id', '=', destinationId)
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  return row && deliveryRowToRecord(row);
}
