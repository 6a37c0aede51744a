import { ConfigError, loadConfig } from '@stratum/http';
import { DEFAULT_RETRY_SCHEDULE } from '@stratum/webhooks';
import { WorkerConfigSchema, retryScheduleOf } from './config';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(WorkerConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.variable}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('WorkerConfigSchema', () => {
  it('needs only DATABASE_URL; metrics on 3005, maintenance daily in the early UTC morning', () => {
    expect(loadConfig(WorkerConfigSchema, { DATABASE_URL })).toMatchObject({
      METRICS_PORT: 3005,
      WORKER_CONCURRENCY: 6,
      WORKER_POLL_INTERVAL_MS: 250,
      INBOX_RESOLVERS: 2,
      INBOX_BATCH: 5000,
      INBOX_IDLE_MS: 200,
      PARTITIONS_MAINTAIN_CRON: '10 3 * * *',
      RETENTION_RUN_CRON: '40 3 * * *',
      PARTITIONS_MONTHS_AHEAD: 3,
      PARTITIONS_MONTHS_BEHIND: 1,
      RETENTION_MONTHS: 25,
      PRIVACY_ACCESS_RESULT_DAYS: 30,
      SEGMENT_MEMBERSHIP_BATCH: 1000,
      SEGMENT_MEMBERSHIP_IDLE_MS: 1000,
      SEGMENTS_RECOMPUTE_CRON: '5 * * * *',
    });
  });

  it('reads no API-only variables', () => {
    expect(Object.keys(WorkerConfigSchema.shape)).not.toEqual(
      expect.arrayContaining(['PORT', 'REDIS_URL', 'RATE_LIMIT_PER_MINUTE']),
    );
  });

  it.each([
    [{}, 'DATABASE_URL: is required'],
    [
      { DATABASE_URL, WORKER_CONCURRENCY: '0' },
      'WORKER_CONCURRENCY: must be an integer from 1 to 100',
    ],
    [
      { DATABASE_URL, PARTITIONS_MAINTAIN_CRON: 'daily' },
      'PARTITIONS_MAINTAIN_CRON: must be a crontab time',
    ],
    [
      { DATABASE_URL, RETENTION_RUN_CRON: '61 3 * * *' },
      'RETENTION_RUN_CRON: must be a crontab time',
    ],
    [
      { DATABASE_URL, RETENTION_MONTHS: '0' },
      'RETENTION_MONTHS: must be an integer from 1 to 1200',
    ],
    [
      { DATABASE_URL, PRIVACY_ACCESS_RESULT_DAYS: '0' },
      'PRIVACY_ACCESS_RESULT_DAYS: must be an integer from 1 to 3650',
    ],
    [
      { DATABASE_URL, PRIVACY_ACCESS_RESULT_DAYS: 'month' },
      'PRIVACY_ACCESS_RESULT_DAYS: must be an integer from 1 to 3650',
    ],
    [{ DATABASE_URL, WEBHOOK_RETRY_SCHEDULE: '5,soon' }, 'WEBHOOK_RETRY_SCHEDULE: must be 1 to 20'],
    [
      { DATABASE_URL, WEBHOOK_RETRY_SCHEDULE: '5,999999' },
      'WEBHOOK_RETRY_SCHEDULE: must be 1 to 20',
    ],
    [{ DATABASE_URL, WEBHOOK_TIMEOUT_MS: '50' }, 'WEBHOOK_TIMEOUT_MS: must be an integer from 100'],
    [
      { DATABASE_URL, DESTINATIONS_ALLOW_PRIVATE: 'maybe' },
      'DESTINATIONS_ALLOW_PRIVATE: must be a boolean',
    ],
  ])('names the bad variable in %j', (env, expected) => {
    expect(issuesOf(env).join('\n')).toContain(expected);
  });

  it('delivers webhooks on the Standard Webhooks schedule, 15 s an attempt, public targets only', () => {
    const config = loadConfig(WorkerConfigSchema, { DATABASE_URL });
    expect(retryScheduleOf(config.WEBHOOK_RETRY_SCHEDULE)).toEqual([...DEFAULT_RETRY_SCHEDULE]);
    expect(config).toMatchObject({ WEBHOOK_TIMEOUT_MS: 15_000, DESTINATIONS_ALLOW_PRIVATE: false });
    const short = loadConfig(WorkerConfigSchema, {
      DATABASE_URL,
      WEBHOOK_RETRY_SCHEDULE: ' 1, 2 ,30 ',
    });
    expect(retryScheduleOf(short.WEBHOOK_RETRY_SCHEDULE)).toEqual([1, 2, 30]);
  });

  it('accepts any valid crontab time', () => {
    const config = loadConfig(WorkerConfigSchema, {
      DATABASE_URL,
      PARTITIONS_MAINTAIN_CRON: '*/15 * * * *',
      RETENTION_RUN_CRON: '0 4 * * 1-5',
    });
    expect(config.RETENTION_RUN_CRON).toBe('0 4 * * 1-5');
  });
});
