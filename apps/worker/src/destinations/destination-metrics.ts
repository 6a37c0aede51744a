import { Counter, Histogram, Registry } from 'prom-client';
import type { RecordedOutcome } from '@stratum/destinations';

/** `outcome` values of `cdp_webhook_deliveries_total`: what each attempt, or drop, made. */
const DELIVERY_OUTCOMES = [
  'delivered',
  'retry',
  'dead',
  'gone',
  'dropped',
] as const satisfies readonly (RecordedOutcome | 'dropped')[];

/** The destinations' metrics (names are a contract: dashboards and alerts use them). */
export interface DestinationMetrics {
  /** `cdp_webhook_deliveries_total{outcome}`: attempts by what they made of the delivery. */
  deliveries: Counter<'outcome'>;
  /** `cdp_webhook_attempt_duration_seconds`: how long each attempt took, answered or not. */
  attemptDuration: Histogram;
  /** `cdp_webhook_fanout_deliveries_total{type}`: deliveries queued from the change feed. */
  fannedOut: Counter<'type'>;
  /** `cdp_webhook_consent_skipped_total`: deliveries not made: the profile had not granted. */
  consentSkipped: Counter;
}

/** Registers the destinations' metrics in `registry` (a fresh one by default, for tests). */
export function createDestinationMetrics(registry: Registry = new Registry()): DestinationMetrics {
  const registers = [registry];
  const deliveries = new Counter({
    name: 'cdp_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, dead, gone: 410, dropped: destination deleted or disabled)',
    labelNames: ['outcome'] as const,
    registers,
  });
  for (const outcome of DELIVERY_OUTCOMES) deliveries.inc({ outcome }, 0);
  const consentSkipped = new Counter({
    name: 'cdp_webhook_consent_skipped_total',
    help: 'Deliveries not made because the profile had not granted the destination’s consent purpose',
    registers,
  });
  return {
    deliveries,
    attemptDuration: new Histogram({
      name: 'cdp_webhook_attempt_duration_seconds',
      help: 'Duration of webhook delivery attempts, connection to last byte',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers,
    }),
    fannedOut: new Counter({
      name: 'cdp_webhook_fanout_deliveries_total',
      help: 'Deliveries queued from the change feed, by payload type',
      labelNames: ['type'] as const,
      registers,
    }),
    consentSkipped,
  };
}
