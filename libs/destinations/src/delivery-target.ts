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

function selectTargets(db: Db, tenantId: string) {
  return db
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
    .where('d.tenant_id', '=', tenantId);
}

type TargetRow = Awaited<ReturnType<ReturnType<typeof selectTargets>['executeTakeFirstOrThrow']>>;

function toTarget(row: TargetRow): DeliveryTarget {
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

/** A delivery with its destination, or undefined when there is no such delivery. */
export async function loadDeliveryTarget(
  db: Db,
  tenantId: string,
  deliveryId: string,
): Promise<DeliveryTarget | undefined> {
  const row = await selectTargets(db, tenantId)
    .where('d.delivery_id', '=', deliveryId)
    .executeTakeFirst();
  return row === undefined ? undefined : toTarget(row);
}

/** The deliveries of one tenant that exist among `deliveryIds`, with their destinations. */
export async function loadDeliveryTargets(
  db: Db,
  tenantId: string,
  deliveryIds: readonly string[],
): Promise<DeliveryTarget[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await selectTargets(db, tenantId)
    .where('d.delivery_id', 'in', deliveryIds)
    .execute();
  return rows.map(toTarget);
}
