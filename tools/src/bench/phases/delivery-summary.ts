import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import type { WebhookArrival } from './webhook-receiver';

/** What the receiver got, held against what the ingest API accepted. */
export interface DeliverySummary {
  /** Events the API accepted during the phase: each should arrive once. */
  expected: number;
  /** Expected events that arrived with a valid signature. */
  delivered: number;
  undelivered: number;
  /** Delivered events ÷ seconds from the first to the last of their arrivals; 0 under two. */
  deliveriesPerSecond: number;
  /** From the ingest answer to the first valid arrival of the event. */
  latency: LatencySummary;
  /** Requests whose `webhook-id` had already arrived (at-least-once delivery allows them). */
  duplicates: number;
  /** Requests whose signature did not verify. */
  signatureFailures: number;
  /** Valid requests that carried no event of the phase. */
  unexpected: number;
  /** Every request the receiver got. */
  requests: number;
}

/**
 * Matches arrivals with the events the API accepted (`answeredAt`: event id → when its
 * answer was read, in the arrivals' clock). Only a verified arrival delivers an event; an
 * event that arrived twice counts once, at its first arrival.
 */
export function summarizeDeliveries(
  answeredAt: ReadonlyMap<string, number>,
  arrivals: readonly WebhookArrival[],
): DeliverySummary {
  const seenIds = new Set<string>();
  const firstArrival = new Map<string, number>();
  let duplicates = 0;
  let signatureFailures = 0;
  let unexpected = 0;
  for (const arrival of arrivals) {
    if (arrival.webhookId !== undefined) {
      if (seenIds.has(arrival.webhookId)) duplicates += 1;
      seenIds.add(arrival.webhookId);
    }
    if (!arrival.valid) {
      signatureFailures += 1;
      continue;
    }
    if (arrival.eventId === undefined || !answeredAt.has(arrival.eventId)) {
      unexpected += 1;
      continue;
    }
    const before = firstArrival.get(arrival.eventId);
    if (before === undefined || arrival.at < before) firstArrival.set(arrival.eventId, arrival.at);
  }
  const latency = new LatencyRecorder();
  let first = Infinity;
  let last = -Infinity;
  for (const [eventId, at] of firstArrival) {
    latency.record(at - answeredAt.get(eventId)!);
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  const delivered = firstArrival.size;
  return {
    expected: answeredAt.size,
    delivered,
    undelivered: answeredAt.size - delivered,
    deliveriesPerSecond: delivered > 1 && last > first ? delivered / ((last - first) / 1000) : 0,
    latency: latency.summary(),
    duplicates,
    signatureFailures,
    unexpected,
    requests: arrivals.length,
  };
}
