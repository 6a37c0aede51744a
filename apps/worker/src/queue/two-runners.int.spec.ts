import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { makeWorkerUtils } from 'graphile-worker';
import type { CronItem, JobHelpers, TaskList } from 'graphile-worker';
import { startTestRunner } from '../testing/queue-under-test';
import type { RunnerUnderTest } from '../testing/queue-under-test';
import { createQueuePool } from './queue-pool';

// Several worker instances on one database: each job runs once, each cron time is scheduled once.
let database: TestDatabase;
const runners: RunnerUnderTest[] = [];
const runs: { runner: string; job: string; cronTs?: string }[] = [];

function recordingTasks(runner: string): TaskList {
  const record = async (payload: unknown, helpers: JobHelpers) => {
    const cron = (payload as { _cron?: { ts: string } } | null)?._cron;
    runs.push({ runner, job: helpers.job.id, ...(cron ? { cronTs: cron.ts } : {}) });
    // Long enough for the other runner to try the same job, were it able to.
    await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { record, tick: record };
}

async function waitUntil(done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  // The queue's schema first, so the cron's history can be set before any runner starts:
  // it last ran three minutes ago and has been known for an hour.
  const setupPool = createQueuePool(
    { DATABASE_URL: database.url, WORKER_CONCURRENCY: 1, DB_CONNECTION_TIMEOUT_MS: 10_000 },
    createTestLogger('error').logger,
  );
  const utils = await makeWorkerUtils({ pgPool: setupPool });
  await utils.migrate();
  await utils.release();
  await setupPool.query(`
    INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
    VALUES ('tick', now() - interval '1 hour', date_trunc('minute', now()) - interval '3 minutes')
  `);
  await setupPool.end();
}, 60_000);

afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
  await database.destroy();
});

describe('two runners on one database', () => {
  it('run each job once, and schedule each missed cron time once', async () => {
    // Every minute, backfilling up to ten: each runner on its own finds the missed minutes.
    const cronItems: CronItem[] = [
      {
        task: 'tick',
        identifier: 'tick',
        match: '* * * * *',
        options: { backfillPeriod: 600_000 },
      },
    ];
    for (const name of ['a', 'b']) {
      runners.push(
        await startTestRunner(database.url, { taskList: recordingTasks(name), cronItems }),
      );
    }
    const utils = await makeWorkerUtils({ pgPool: runners[0]!.pool });
    const added = await utils.addJobs(
      Array.from({ length: 40 }, (_, i) => ({ identifier: 'record', payload: { i } })),
    );
    await utils.release();

    await waitUntil(() => runs.filter((r) => r.cronTs === undefined).length >= added.length);
    const jobRuns = runs.filter((r) => r.cronTs === undefined).map((r) => r.job);
    expect(jobRuns.sort()).toEqual(added.map((j) => j.id).sort());
    // Both took jobs: the test would show nothing if one runner did all the work.
    expect(new Set(runs.filter((r) => r.cronTs === undefined).map((r) => r.runner)).size).toBe(2);

    // The minutes since the last execution: -2, -1 and maybe 0 (when the minute turned).
    await waitUntil(() => runs.filter((r) => r.cronTs !== undefined).length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cronTimes = runs.flatMap((r) => (r.cronTs === undefined ? [] : [r.cronTs]));
    expect(new Set(cronTimes).size).toBe(cronTimes.length);
    expect(cronTimes.length).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
