import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Connection counts of a pg pool, read when /metrics is scraped. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Job counts by state, as {@link WorkerMetrics.setQueueDepthProvider} reads them. */
export type QueueDepth = Record<(typeof QUEUE_STATES)[number], number>;

/** `state` values of `cdp_worker_queue_jobs`. */
const QUEUE_STATES = ['ready', 'scheduled', 'running', 'failed'] as const;

/** `outcome` values of `cdp_worker_jobs_total`. */
const JOB_OUTCOMES = ['success', 'error'] as const;

/** The worker's metrics, in its own registry (names are a contract: the dashboard uses them). */
export interface WorkerMetrics {
  registry: Registry;
  /** `cdp_worker_jobs_total{task, outcome}`: every attempt, success or error. */
  jobsTotal: Counter<'task' | 'outcome'>;
  /** `cdp_worker_jobs_failed_total{task}`: jobs that used their last attempt and failed. */
  jobsFailed: Counter<'task'>;
  /** `cdp_worker_job_duration_seconds{task}`: how long each attempt ran. */
  jobDuration: Histogram<'task'>;
  /** Where `cdp_db_pool_connections{pool, state}` reads the pools' counts from. */
  setPools: (pools: Record<string, PoolCounts>) => void;
  /** Where `cdp_worker_queue_jobs{state}` reads from; rejects leave the gauge as it was. */
  setQueueDepthProvider: (provider: () => Promise<QueueDepth>) => void;
  /**
   * Where `cdp_change_feed_lag_seconds{consumer}` reads from: each change-feed consumer's lag
   * in seconds; rejects leave the gauge as it was.
   */
  setFeedLagProvider: (provider: () => Promise<Record<string, number>>) => void;
}

/**
 * A fresh registry with the default process metrics and the worker's. `tasks` are the task
 * names known in advance: their series are exported at zero, so rate() sees them.
 */
export function createWorkerMetrics(tasks: readonly string[]): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const jobsTotal = new Counter({
    name: 'cdp_worker_jobs_total',
    help: 'Job attempts run by the worker, by task and outcome',
    labelNames: ['task', 'outcome'] as const,
    registers,
  });
  const jobsFailed = new Counter({
    name: 'cdp_worker_jobs_failed_total',
    help: 'Jobs that failed their last attempt, by task',
    labelNames: ['task'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'cdp_worker_job_duration_seconds',
    help: 'Duration of job attempts in seconds, by task',
    labelNames: ['task'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
    registers,
  });
  let pools: Record<string, PoolCounts> = {};
  new Gauge({
    name: 'cdp_db_pool_connections',
    help: 'Database pool connections, by state',
    labelNames: ['state', 'pool'] as const,
    registers,
    collect() {
      for (const [pool, counts] of Object.entries(pools)) {
        this.set({ pool, state: 'total' }, counts.totalCount);
        this.set({ pool, state: 'idle' }, counts.idleCount);
        this.set({ pool, state: 'waiting' }, counts.waitingCount);
      }
    },
  });
  let queueDepth: (() => Promise<QueueDepth>) | undefined;
  new Gauge({
    name: 'cdp_worker_queue_jobs',
    help: 'Jobs in the queue, by state (ready to run, scheduled later, running, failed for good)',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      if (queueDepth === undefined) return;
      // A scrape must not fail because the database is briefly away: keep the last values.
      const depth = await queueDepth().catch(() => undefined);
      if (depth === undefined) return;
      for (const state of QUEUE_STATES) this.set({ state }, depth[state]);
    },
  });

  let feedLag: (() => Promise<Record<string, number>>) | undefined;
  new Gauge({
    name: 'cdp_change_feed_lag_seconds',
    help: 'Age of the oldest change a change-feed consumer has not applied yet, 0 when caught up',
    labelNames: ['consumer'] as const,
    registers,
    async collect() {
      if (feedLag === undefined) return;
      const lags = await feedLag().catch(() => undefined);
      if (lags === undefined) return;
      for (const [consumer, seconds] of Object.entries(lags)) this.set({ consumer }, seconds);
    },
  });

  for (const task of tasks) {
    for (const outcome of JOB_OUTCOMES) jobsTotal.inc({ task, outcome }, 0);
    jobsFailed.inc({ task }, 0);
    jobDuration.zero({ task });
  }

  return {
    registry,
    jobsTotal,
    jobsFailed,
    jobDuration,
    setPools: (next) => {
      pools = next;
    },
    setQueueDepthProvider: (provider) => {
      queueDepth = provider;
    },
    setFeedLagProvider: (provider) => {
      feedLag = provider;
    },
  };
}
