import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { REJECTION_REASONS } from '@stratum/schemas';

/** Connection counts of the database pool, read when /metrics is scraped. */
interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** The metrics of one app, in its own registry (many apps can live in one test process). */
export interface Metrics {
  registry: Registry;
  /** `http_request_duration_seconds{method, route, status}`. */
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  /** `cdp_events_total{status}`: accepted | duplicate | rejected | suppressed. */
  eventsTotal: Counter<'status'>;
  /**
   * `cdp_events_rejected_total{reason}`: every rejected event by REJECTION_REASONS, those of
   * requests answered 400 included (a fixed set of labels).
   */
  eventsRejected: Counter<'reason'>;
  /** `cdp_consents_total{status}`: consent requests, accepted | suppressed. */
  consentsTotal: Counter<'status'>;
  /** `cdp_resolution_outcomes_total{outcome}`: created | linked | merged | protected | unchanged. */
  resolutionOutcomes: Counter<'outcome'>;
  /** `cdp_db_pool_connections{state}`: total | idle | waiting, from the pool stats provider. */
  dbPoolConnections: Gauge<'state'>;
  /** `cdp_rate_limited_total`: requests answered 429. */
  rateLimited: Counter;
  /** `cdp_profile_lookups_total{result}`: found | not_found. */
  profileLookups: Counter<'result'>;
  /** Sets where `cdp_db_pool_connections` reads from (e.g. `() => ({ total: pool.totalCount, … })`). */
  setPoolStatsProvider: (provider: () => PoolStats) => void;
}

// Label values known in advance are exported at zero, so dashboards and rate() see them.

/** `status` values of `cdp_events_total`. */
const EVENT_STATUSES = ['accepted', 'duplicate', 'rejected', 'suppressed'] as const;
/** `status` values of `cdp_consents_total`. */
const CONSENT_STATUSES = ['accepted', 'suppressed'] as const;
/** `outcome` values of `cdp_resolution_outcomes_total`. */
const RESOLUTION_OUTCOMES = ['created', 'linked', 'merged', 'protected', 'unchanged'] as const;
/** `result` values of `cdp_profile_lookups_total`. */
const PROFILE_LOOKUP_RESULTS = ['found', 'not_found'] as const;

/**
 * A fresh registry with the default process metrics and the CDP metrics (names are a
 * contract: dashboards and other packages rely on them).
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const eventsTotal = new Counter({
    name: 'cdp_events_total',
    help: 'Events received, by outcome',
    labelNames: ['status'] as const,
    registers,
  });
  const eventsRejected = new Counter({
    name: 'cdp_events_rejected_total',
    help: 'Events rejected, by reason (also those of requests where nothing was accepted)',
    labelNames: ['reason'] as const,
    registers,
  });
  const consentsTotal = new Counter({
    name: 'cdp_consents_total',
    help: 'Consent requests, by outcome (suppressed: nothing stored, an identifier is suppressed)',
    labelNames: ['status'] as const,
    registers,
  });
  const resolutionOutcomes = new Counter({
    name: 'cdp_resolution_outcomes_total',
    help: 'Identity resolution outcomes, one per resolved event',
    labelNames: ['outcome'] as const,
    registers,
  });
  let poolStats: (() => PoolStats) | undefined;
  const dbPoolConnections = new Gauge({
    name: 'cdp_db_pool_connections',
    help: 'Database pool connections, by state',
    labelNames: ['state'] as const,
    registers,
    collect() {
      if (poolStats === undefined) return;
      const stats = poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  const rateLimited = new Counter({
    name: 'cdp_rate_limited_total',
    help: 'Requests answered 429 by the rate limiter',
    registers,
  });
  const profileLookups = new Counter({
    name: 'cdp_profile_lookups_total',
    help: 'Profile look-ups, by result',
    labelNames: ['result'] as const,
    registers,
  });

  for (const status of EVENT_STATUSES) eventsTotal.inc({ status }, 0);
  for (const reason of REJECTION_REASONS) eventsRejected.inc({ reason }, 0);
  for (const status of CONSENT_STATUSES) consentsTotal.inc({ status }, 0);
  for (const outcome of RESOLUTION_OUTCOMES) resolutionOutcomes.inc({ outcome }, 0);
  for (const result of PROFILE_LOOKUP_RESULTS) profileLookups.inc({ result }, 0);

  return {
    registry,
    httpRequestDuration,
    eventsTotal,
    eventsRejected,
    consentsTotal,
    resolutionOutcomes,
    dbPoolConnections,
    rateLimited,
    profileLookups,
    setPoolStatsProvider: (provider) => {
      poolStats = provider;
    },
  };
}
