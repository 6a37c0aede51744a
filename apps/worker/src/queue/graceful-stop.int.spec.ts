import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { quickAddJob } from 'graphile-worker';
import { nextEvent, startTestRunner } from '../testing/queue-under-test';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database.destroy();
});

describe('stopping the runner', () => {
  it('takes no new job, lets the running one finish and records it as done', async () => {
    let release: () => void = () => undefined;
    const finished: string[] = [];
    const under = await startTestRunner(database.url, {
      taskList: {
        slow: async (payload) => {
          await new Promise<void>((resolve) => (release = resolve));
          finished.push((payload as { name: string }).name);
        },
      },
    });
    const running = await quickAddJob({ pgPool: under.pool }, 'slow', { name: 'running' });
    await nextEvent(under.events, 'job:start', (e) => e.job.id === running.id);

    const stopped = under.queue.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(under.queue.isRunning()).toBe(true);
    await quickAddJob({ pgPool: under.pool }, 'slow', { name: 'later' });
    release();
    await stopped;

    expect(under.queue.isRunning()).toBe(false);
    expect(finished).toEqual(['running']);
    const { rows } = await under.pool.query<{ payload: { name: string }; attempts: number }>(
      'SELECT payload, attempts FROM graphile_worker._private_jobs',
    );
    // The finished job is gone from the queue; the new one waits, untouched, for a worker.
    expect(rows).toEqual([{ payload: { name: 'later' }, attempts: 0 }]);
    await under.pool.end();
  }, 20_000);
});
