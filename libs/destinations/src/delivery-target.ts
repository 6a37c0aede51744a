import type { Db, DeliveryStatus } from '@stratum/db';

/** What an attempt needs: the delivery's body and state, and where and how to send it. */
export interface DeliveryTarget {
  tenantId: string;
  deliveryId: string;
  destinationId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  /** The exact bytes to send and sign. */
  body: string;
  url: string;
  secret: string;
  /** Why nothing may be sent now: the destination was deleted or disabled. */
  stopped: 'destination_deleted' | 'destination_disabled' | undefined;
}

/** A delivery with its destination, or undefined when there is no such delivery. */
export async function loadDeliveryTarget(
  db: Db,
  tenantId: string,
  deliveryId: string,
): Promise<DeliveryTarget | undefined> {
  const row = await db
    .selectFrom('cdp_deliveries as d')
    .innerJoin('cdp_destinations as t', (join) =>
      join
        .onRef('t.tenant_id', '=', 'd.tenant_id')
        .onRef('t.destination_id', '=', 'd.destination_id'),
    )
    .select([
      'd.tenant_id',
      'd.delivery_id',
      'd.destination_id',
      'd.type',
      'd.status',
      'd.attempts',
    ])
    .select(['d.body', 't.url', 't.secret', 't.enabled', 't.deleted_at'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.delivery_id', '=', deliveryId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    tenantId: row.tenant_id,
    deliveryId: row.delivery_id,
    destinationId: row.destination_id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    body: row.body,
    url: row.url,
    secret: row.secret,
    stopped:
      row.deleted_at !== null
        ? 'destination_deleted'
        : row.enabled
          ? undefined
          : 'destination_disabled',
  };
}
