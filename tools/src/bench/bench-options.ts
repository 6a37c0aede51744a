/** Where the benchmark's database comes from. */
export type DatabaseChoice =
  /** A throw-away embedded PostgreSQL under the OS temp directory, deleted afterwards. */
  | { kind: 'embedded' }
  /** A throw-away database created on this server (needs CREATEDB), dropped afterwards. */
  | { kind: 'server'; url: string }
  /** This database as it is (migrated to the latest version first); nothing is dropped. */
  | { kind: 'database'; url: string };

/** Every knob of a run. `QUICK` and `FULL` are the two presets `npm run bench` offers. */
export interface BenchOptions {
  mode: 'full' | 'quick' | 'custom';
  /** Profiles bulk-loaded before the run (customers 0..n-1 are "known people"). */
  profiles: number;
  warmupSeconds: number;
  /** Sustained ingest: closed loop, batches of `batchSize`, `concurrency` requests in flight. */
  throughputSeconds: number;
  batchSize: number;
  concurrency: number;
  /**
   * Batch latency: open loop at this many batches a second; default half the batches a
   * second the sustained phase reached (latency at half load, on any machine).
   */
  batchRatePerSecond?: number;
  batchLatencySeconds: number;
  /** Single-event latency: open loop at this many requests a second. */
  singleRatePerSecond: number;
  singleLatencySeconds: number;
  /**
   * Look-ups: a closed loop measures the maximum rate, then an open loop runs at this rate;
   * default half that maximum.
   */
  lookupRatePerSecond?: number;
  lookupSeconds: number;
  lookupConcurrency: number;
  /**
   * Membership freshness: sustained ingest (same batches and clients) for this long with
   * segments defined, the worker following the change feed.
   */
  freshnessSeconds: number;
  /** Freshness pairs (segment, profile) sampled per segment and second, at most. */
  freshnessSamplesPerSecond: number;
  /** How often the sampler looks for the sampled membership rows. */
  freshnessPollMs: number;
  /**
   * Webhook deliveries: events sent to the ingest API for this long, open loop, with a
   * destination taking them and a receiver in the benchmark's process; 0 skips the phase.
   */
  deliveriesSeconds: number;
  /**
   * Events a second of the deliveries phase: above the 1,000 deliveries/s target, so a
   * platform that keeps up shows it with a margin and one that falls behind shows how fast
   * it drains.
   */
  deliveriesRatePerSecond: number;
  /** Segment previews over a tenant of this many profiles filled for them; 0 skips them. */
  previewProfiles: number;
  /** Timed runs of each preview (after one untimed); the median is reported. */
  previewRuns: number;
  /** Rows of the COPY reference; default: as many as the API accepted while sustained. */
  copyRows?: number;
  /** Skew of the customers' activity (Zipf exponent over the known customers). */
  zipfExponent: number;
  newCustomerShare: number;
  retryShare: number;
  /** DB_POOL_MAX of the ingest API. */
  ingestPoolMax: number;
  seed: number;
  database: DatabaseChoice;
  /** Embedded server only: settings applied with ALTER SYSTEM and a restart (see {@link TUNED_POSTGRES}). */
  postgresSettings: Record<string, string>;
  /** Load pg_stat_statements (embedded only) and report the costliest statements. */
  pgStatStatements: boolean;
  /** Run the ingest API with --cpu-prof into this directory and summarize the profile. */
  cpuProfileDir?: string;
}

/**
 * What a production PostgreSQL on a small machine would set, where initdb's defaults are
 * sized for a laptop: a quarter of a 4 GB machine for shared buffers, and checkpoints far
 * enough apart that a minute of sustained writes does not trigger one every few seconds
 * (each checkpoint makes the next change of every page log a full 8 kB image). Durability
 * is untouched: fsync, synchronous_commit and full_page_writes stay on.
 */
export const TUNED_POSTGRES: Readonly<Record<string, string>> = {
  shared_buffers: '1GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '15min',
};

const COMMON = {
  batchSize: 100,
  concurrency: 8,
  singleRatePerSecond: 1000,
  lookupConcurrency: 8,
  zipfExponent: 0.8,
  newCustomerShare: 0.05,
  retryShare: 0.05,
  ingestPoolMax: 10,
  seed: 20_261_123,
  database: { kind: 'embedded' },
  postgresSettings: TUNED_POSTGRES,
  pgStatStatements: false,
  freshnessSamplesPerSecond: 20,
  freshnessPollMs: 100,
  deliveriesRatePerSecond: 1200,
  previewRuns: 3,
} as const satisfies Partial<BenchOptions>;

export const FULL: BenchOptions = {
  ...COMMON,
  mode: 'full',
  profiles: 1_000_000,
  warmupSeconds: 10,
  throughputSeconds: 60,
  batchLatencySeconds: 20,
  singleLatencySeconds: 30,
  lookupSeconds: 20,
  freshnessSeconds: 30,
  deliveriesSeconds: 20,
  previewProfiles: 1_000_000,
};

export const QUICK: BenchOptions = {
  ...COMMON,
  mode: 'quick',
  profiles: 50_000,
  warmupSeconds: 3,
  throughputSeconds: 10,
  batchLatencySeconds: 5,
  singleLatencySeconds: 5,
  lookupSeconds: 5,
  freshnessSeconds: 10,
  deliveriesSeconds: 5,
  previewProfiles: 50_000,
};
