import type { Db, VolumeAnomalyRow } from '@stratum/db';
import type { WebhookPayloadBody } from '@stratum/schemas';
import { serializeWebhookPayload } from '@stratum/webhooks';
import { enqueueDeliveries } from '../enqueue-delivery';
import type { NewDelivery } from '../enqueue-delivery';

/** A flag's key among a tenant's deliveries: one alert per source, hour and kind. */
function anomalySubjectId(anomaly: Pick<VolumeAnomalyRow, 'source_id' | 'hour' | 'kind'>): string {
  return `${anomaly.source_id}/${anomaly.hour.toISOString()}/${anomaly.kind}`;
}

/** The `source.anomaly` payload of a flag. */
function anomalyPayload(anomaly: VolumeAnomalyRow): WebhookPayloadBody {
  return {
    type: 'source.anomaly',
    timestamp: anomaly.detected_at.toISOString(),
    data: {
      source_id: anomaly.source_id,
      hour: anomaly.hour.toISOString(),
      kind: anomaly.kind as 'spike' | 'drop' | 'silence',
      severity: anomaly.severity as 'warning' | 'critical',
      count: anomaly.count,
      expected: anomaly.expected,
      score: anomaly.score,
    },
  };
}

/**
 * Queues a `source.anomaly` delivery of each flag to each enabled destination of its tenant
 * that asks for alerts, in the caller's transaction (the one that records the flags). The
 * subject is the flag's key, so a flag queued before is not queued again. No consent purpose
 * applies: an alert is about a source, not a profile.
 * @returns the ids of the deliveries queued
 */
export async function queueAnomalyAlerts(
  trx: Db,
  tenantId: string,
  anomalies: readonly VolumeAnomalyRow[],
): Promise<string[]> {
  if (anomalies.length === 0) return [];
  const destinations = await trx
    .selectFrom('cdp_destinations')
    .select('destination_id')
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .where('enabled', '=', true)
    .where('alerts', '=', true)
    .execute();
  const deliveries: NewDelivery[] = [];
  for (const anomaly of anomalies) {
    const body = serializeWebhookPayload(anomalyPayload(anomaly));
    for (const { destination_id } of destinations) {
      deliveries.push({
        tenantId,
        destinationId: destination_id,
        changeId: null,
        subjectId: anomalySubjectId(anomaly),
        profileId: null,
        type: 'source.anomaly',
        body,
      });
    }
  }
  return enqueueDeliveries(trx, deliveries);
}
