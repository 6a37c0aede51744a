import type { DeliveryRecord, DestinationRecord } from '@stratum/destinations';
import type { Delivery, Destination } from '@stratum/schemas';

/** A destination as the API shows it (the secret is never part of it). */
export function destinationToResponse(destination: DestinationRecord): Destination {
  return {
    destination_id: destination.destinationId,
    name: destination.name,
    url: destination.url,
    events: destination.events,
    segments: destination.segmentIds,
    profile_updates: destination.profileUpdates,
    consent_purpose: destination.consentPurpose,
    alerts: destination.alerts,
    enabled: destination.enabled,
    disabled_reason: destination.disabledReason,
    created_at: destination.createdAt.toISOString(),
    updated_at: destination.updatedAt.toISOString(),
  };
}

/** A delivery of the log as the API shows it (never its body). */
export function deliveryToResponse(delivery: DeliveryRecord): Delivery {
  return {
    delivery_id: delivery.deliveryId,
    destination_id: delivery.destinationId,
    webhook_id: delivery.webhookId,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    last_status: delivery.lastStatus,
    last_error: delivery.lastError,
    latency_ms: delivery.latencyMs,
    next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
    last_attempt_at: delivery.lastAttemptAt?.toISOString() ?? null,
    created_at: delivery.createdAt.toISOString(),
    delivered_at: delivery.deliveredAt?.toISOString() ?? null,
  };
}
