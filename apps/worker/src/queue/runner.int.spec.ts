import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import { eventPartitionName, listEventPartitions } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { parseCronItems, quickAddJob } from 'graphile-worker';
import type { WorkerEvents } from 'graphile-worker';
import { WorkerConfigSchema } from '../config';
import { createWorkerMetrics } from '../metrics/worker-metrics';
import { createTasks, TASK_NAMES } from '../tasks';
import { nextEvent, startTestRunner } from '../testing/queue-under-test';
import type { RunnerUnderTest } from '../testing/queue-under-test';
import { observeJobs } from './job-metrics';
import { readQueueDepth } from './queue-depth';

const config = WorkerConfigSchema.parse({ DATABASE_URL: 'postgres://unused/db' });
let database: TestDatabase;
let under: RunnerUnderTest;
const events = new EventEmitter() as WorkerEvents;
const metrics = createWorkerMetrics(TASK_NAMES);
const taskLog = createTestLogger('info');
let cronStarted: Promise<unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  observeJobs(events, metrics, TASK_NAMES);
  cronStarted = nextEvent(events, 'cron:started');
  const { taskList, cronItems } = createTasks(config, { db: database.db, logger: taskLog.logger });
  // A task the worker does not have, failing: its label must stay bounded.
  const failing = () => Promise.reject(new Error('always fails'));
  under = await startTestRunner(database.url, {
    taskList: { ...taskList, 'always-fails': failing },
    cronItems,
    events,
  });
}, 60_000);

afterAll(async () => {
  await under?.close();
  await database.destroy();
});

async function metricValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  const found = metric.values.find((v) =>
    Object.entries(labels).every(([key, value]) => v.labels[key] === value),
  );
  return found?.value ?? Number.NaN;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function addMonths(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

describe('the queue runner', () => {
  it('picks up a job added to the queue and runs its task', async () => {
    // The migrated database already has the coming months: take one away for the job to make.
    const ahead = eventPartitionName(addMonths(new Date(), config.PARTITIONS_MONTHS_AHEAD));
    await sql`DROP TABLE IF EXISTS ${sql.id(ahead)}`.execute(database.db);

    const job = await quickAddJob({ pgPool: under.pool }, 'partitions-maintain', {});
    const done = await nextEvent(events, 'job:complete', (e) => e.job.id === job.id);

    expect(done.error).toBeNull();
    expect((await listEventPartitions(database.db)).map((p) => p.name)).toContain(ahead);
    expect(taskLog.lines().find((l) => l.message === 'partitions maintained')).toMatchObject({
      partitions_created: 1,
      created: [ahead],
    });
    expect(
      await metricValue('cdp_worker_jobs_total', {
        task: 'partitions-maintain',
        outcome: 'success',
      }),
    ).toBe(1);
    const histogram = await metrics.jobDuration.get();
    expect(
      histogram.values.find(
        (v) =>
          v.metricName === 'cdp_worker_job_duration_seconds_count' &&
          v.labels['task'] === 'partitions-maintain',
      )?.value,
    ).toBe(1);
  });

  // The job's pick-up waits on the runner's poll and, on a loaded machine, on the CPU.
  it('counts a job that fails its last attempt, and the queue shows it as failed', async () => {
    const job = await quickAddJob({ pgPool: under.pool }, 'always-fails', {}, { maxAttempts: 1 });
    const done = await nextEvent(events, 'job:complete', (e) => e.job.id === job.id);

    expect(String(done.error)).toContain('always fails');
    expect(await metricValue('cdp_worker_jobs_total', { task: 'unknown', outcome: 'error' })).toBe(
      1,
    );
    expect(await metricValue('cdp_worker_jobs_failed_total', { task: 'unknown' })).toBe(1);
    // The queue writes the failure back in a batch, just after the event.
    expect(
      await eventually(
        () => readQueueDepth(under.pool),
        (d) => d.failed === 1,
      ),
    ).toEqual({
      ready: 0,
      scheduled: 0,
      running: 0,
      failed: 1,
    });
    expect(await metricValue('cdp_worker_queue_jobs', { state: 'failed' })).toBeNaN();
    metrics.setQueueDepthProvider(() => readQueueDepth(under.pool));
    expect(await metricValue('cdp_worker_queue_jobs', { state: 'failed' })).toBe(1);
  }, 30_000);

  it('registers the cron items of every area (maintenance, segments, quality, destinations, inbox), by task name', async () => {
    await cronStarted;
    const { rows } = await under.pool.query<{ identifier: string }>(
      'SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY identifier',
    );
    expect(rows.map((r) => r.identifier)).toEqual([
      'destinations-fanout',
      'inbox-resolve:0',
      'inbox-resolve:1',
      'partitions-maintain',
      'retention-run',
      'segment-membership',
      'segments-recompute',
      'source-hours',
      'webhook-requeue',
    ]);
  });

  it('schedules partitions maintain at 03:10 UTC and retention at 03:40 UTC by default', () => {
    const [partitions, retention] = parseCronItems(
      createTasks(config, { db: database.db, logger: taskLog.logger }).cronItems,
    );
    const at = (hour: number, min: number) => ({ min, hour, date: 17, month: 5, dow: 3 });
    expect(partitions!.task).toBe('partitions-maintain');
    expect(partitions!.match(at(3, 10))).toBe(true);
    expect(partitions!.match(at(3, 11))).toBe(false);
    expect(partitions!.match(at(15, 10))).toBe(false);
    expect(retention!.task).toBe('retention-run');
    expect(retention!.match(at(3, 40))).toBe(true);
    expect(retention!.match(at(3, 10))).toBe(false);
    expect(partitions!.options).toMatchObject({ jobKey: 'partitions-maintain', maxAttempts: 10 });
  });

  it('reports running until stopped', () => {
    expect(under.queue.isRunning()).toBe(true);
  });
});
