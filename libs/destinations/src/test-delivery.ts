import type { Db } from '@stratum/db';
import type { WebhookPayloadBody } from '@stratum/schemas';
import { serializeWebhookPayload } from '@stratum/webhooks';
import { findDelivery } from './delivery.repository';
import type { DeliveryRecord } from './delivery-row';
import { enqueueDeliveries } from './enqueue-delivery';
import type { DestinationRecord } from './destination.types';

/**
 * Queues a `destination.test` delivery: signed and retried like any other, so it checks the
 * receiver's URL, its signature check and its answers end to end.
 */
export async function sendTestDelivery(
  db: Db,
  destination: DestinationRecord,
  now: Date = new Date(),
): Promise<DeliveryRecord> {
  const payload = {
    type: 'destination.test',
    timestamp: now.toISOString(),
    data: {
      destination_id: destination.destinationId,
      message: 'A test delivery from Stratum CDP',
    },
  } as const satisfies WebhookPayloadBody;
  const [deliveryId] = await enqueueDeliveries(db, [
    {
      tenantId: destination.tenantId,
      destinationId: destination.destinationId,
      changeId: null,
      subjectId: null,
      profileId: null,
      type: payload.type,
      body: serializeWebhookPayload(payload),
    },
  ]);
  const { tenantId, destinationId } = destination;
  return (await findDelivery(db, tenantId, destinationId, deliveryId!))!;
}
