import { BaseApiConfigSchema, envBoolean, envInt, metricsPortField } from '@stratum/http';
import { DEFAULT_RETRY_SCHEDULE } from '@stratum/webhooks';
import { parseCronItem } from 'graphile-worker';
import { z } from 'zod';

/**
 * A crontab time (five fields: minute hour day-of-month month day-of-week), evaluated in UTC
 * by the job queue. Checked with the queue's own parser, so what starts is what runs.
 */
function envCrontab() {
  return z.string().refine(
    (value) => {
      try {
        parseCronItem({ task: 'check', match: value.trim() });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be a crontab time: minute hour day month weekday, e.g. "10 3 * * *"' },
  );
}

const SCHEDULE_MESSAGE =
  'must be 1 to 20 comma-separated delays in whole seconds, each at most 604800, e.g. "5,300,1800"';

/**
 * Seconds to wait after each failed delivery attempt, as written (`5,300,1800`): the table
 * of variables shows it so. {@link retryScheduleOf} reads it.
 */
function envRetrySchedule() {
  return z
    .string()
    .trim()
    .refine(
      (value) =>
        /^\d{1,6}(\s*,\s*\d{1,6}){0,19}$/.test(value) &&
        retryScheduleOf(value).every((step) => step <= 604_800),
      { error: SCHEDULE_MESSAGE },
    );
}

/** The delays of a `WEBHOOK_RETRY_SCHEDULE` value, in seconds. */
export function retryScheduleOf(value: string): number[] {
  return value.split(',').map((step) => Number(step.trim()));
}

/**
 * Environment of the worker: the shared database and logging variables, its metrics port
 * (its only listener: /healthz, /readyz and /metrics), the queue's concurrency and the
 * schedules and settings of the maintenance tasks.
 */
export const WorkerConfigSchema = BaseApiConfigSchema.pick({
  NODE_ENV: true,
  LOG_LEVEL: true,
  HOST: true,
  DATABASE_URL: true,
  DB_POOL_MAX: true,
  DB_CONNECTION_TIMEOUT_MS: true,
  METRICS_TOKEN: true,
}).extend({
  METRICS_PORT: metricsPortField(3005, 'worker'),
  // Maintenance statements may take long on a big database; API requests may not.
  DB_STATEMENT_TIMEOUT_MS: envInt(0, 86_400_000)
    .default(600_000)
    .describe('PostgreSQL statement_timeout for the worker’s task queries; 0 for none.'),
  SHUTDOWN_TIMEOUT_MS: envInt(0, 3_600_000)
    .default(30_000)
    .describe('How long SIGTERM waits for running jobs to finish before exiting 1.'),
  WORKER_CONCURRENCY: envInt(1, 100)
    // Four chains (two inbox resolvers, membership, fan-out) may each hold one at a time.
    .default(6)
    .describe('Jobs one worker process runs at once (its queue pool has 2 more connections).'),
  WORKER_POLL_INTERVAL_MS: envInt(100, 60_000)
    // Chains that found nothing to do come back within it: the inbox's lag when idle.
    .default(250)
    .describe(
      'How often the worker looks for jobs that were scheduled or retried; new jobs arrive at once by LISTEN/NOTIFY.',
    ),
  PARTITIONS_MAINTAIN_CRON: envCrontab()
    .default('10 3 * * *')
    .describe('When the worker creates the coming event partitions (crontab, UTC).'),
  PARTITIONS_MONTHS_AHEAD: envInt(0, 120)
    .default(3)
    .describe('Monthly event partitions kept ready after the current month.'),
  PARTITIONS_MONTHS_BEHIND: envInt(0, 120)
    .default(1)
    .describe('Monthly event partitions created before the current month, for late events.'),
  RETENTION_RUN_CRON: envCrontab()
    .default('40 3 * * *')
    .describe(
      'When the worker drops event partitions and dedupe keys past retention (crontab, UTC).',
    ),
  SEGMENT_MEMBERSHIP_BATCH: envInt(1, 10_000)
    .default(1000)
    .describe(
      'Change-feed entries one segment-membership run reads and applies in one transaction.',
    ),
  SEGMENT_MEMBERSHIP_IDLE_MS: envInt(0, 60_000)
    .default(1000)
    .describe(
      'How long the segment-membership task waits before reading the feed again once caught up.',
    ),
  SEGMENTS_RECOMPUTE_CRON: envCrontab()
    .default('5 * * * *')
    .describe('When the worker recomputes segments with time-relative conditions (crontab, UTC).'),
  DESTINATIONS_FANOUT_BATCH: envInt(1, 10_000)
    .default(500)
    .describe('Change-feed entries one destinations fan-out run reads and queues deliveries for.'),
  DESTINATIONS_FANOUT_IDLE_MS: envInt(0, 60_000)
    .default(1000)
    .describe(
      'How long the destinations fan-out waits before reading the feed again once caught up.',
    ),
  INBOX_RESOLVERS: envInt(1, 64)
    .default(2)
    .describe(
      'Inbox resolvers (events accepted with 202): each drains its share of the lanes, one transaction per tenant at a time.',
    ),
  INBOX_BATCH: envInt(1, 50_000)
    .default(5000)
    .describe('Inbox events one resolver run reads and resolves at most.'),
  INBOX_IDLE_MS: envInt(0, 60_000)
    .default(200)
    .describe('How long a resolver that found its lanes empty waits before reading again.'),
  DESTINATIONS_ALLOW_PRIVATE: envBoolean()
    .default(false)
    .describe('Deliver to private, loopback and link-local addresses (checked after DNS).'),
  WEBHOOK_TIMEOUT_MS: envInt(100, 120_000)
    .default(15_000)
    .describe('How long one delivery attempt may take, connection to last byte.'),
  WEBHOOK_BATCH_SENDS: envInt(1, 1_000)
    .default(50)
    .describe(
      'Attempts one batch of new deliveries makes at once, and kept-alive connections per receiver.',
    ),
  WEBHOOK_RETRY_SCHEDULE: envRetrySchedule()
    .default(DEFAULT_RETRY_SCHEDULE.join(','))
    .describe('Seconds before each retry of a failed delivery (±20 % jitter); then dead.'),
  SOURCE_HOURS_CRON: envCrontab()
    .default('5 * * * *')
    .describe(
      'When the worker summarises each source’s past hours and flags volume anomalies (crontab, UTC).',
    ),
  RETENTION_MONTHS: envInt(1, 1_200)
    .default(25)
    .describe('Whole months of events kept before the current one; older partitions are dropped.'),
  PRIVACY_ACCESS_RESULT_DAYS: envInt(1, 3_650)
    .default(30)
    .describe(
      'Days an access request’s document (personal data) is kept after the request finished; the retention run deletes older ones.',
    ),
});

/** The parsed configuration of the worker. */
export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;
