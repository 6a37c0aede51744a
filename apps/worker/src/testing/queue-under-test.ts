import { EventEmitter } from 'node:events';
import type { CronItem, TaskList, WorkerEvents, WorkerEventMap } from 'graphile-worker';
import type { Pool } from 'pg';
import { createTestLogger } from '@stratum/http/testing';
import { createQueuePool } from '../queue/queue-pool';
import { startRunner } from '../queue/start-runner';
import type { QueueRunner } from '../queue/start-runner';

/** A runner on a test database, with its pool, events and log lines. */
export interface RunnerUnderTest {
  pool: Pool;
  events: WorkerEvents;
  queue: QueueRunner;
  logLines: ReturnType<typeof createTestLogger>['lines'];
  close: () => Promise<void>;
}

/** Starts a queue runner on `databaseUrl` as the worker does, with its own pool. */
export async function startTestRunner(
  databaseUrl: string,
  options: { taskList: TaskList; cronItems?: CronItem[]; events?: WorkerEvents },
): Promise<RunnerUnderTest> {
  const { logger, lines } = createTestLogger('info');
  const pool = createQueuePool(
    { DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: 2, DB_CONNECTION_TIMEOUT_MS: 10_000 },
    logger,
  );
  const events = options.events ?? (new EventEmitter() as WorkerEvents);
  const queue = await startRunner({
    pgPool: pool,
    taskList: options.taskList,
    cronItems: options.cronItems ?? [],
    concurrency: 2,
    pollIntervalMs: 200,
    logger,
    events,
  });
  return {
    pool,
    events,
    queue,
    logLines: lines,
    close: async () => {
      await queue.stop();
      await pool.end();
    },
  };
}

/** Resolves with the first `name` event whose payload matches, within `timeoutMs`. */
export function nextEvent<K extends keyof WorkerEventMap>(
  events: WorkerEvents,
  name: K,
  matches: (payload: WorkerEventMap[K]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<WorkerEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      events.off(name, listener);
      reject(new Error(`no ${String(name)} event in ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: WorkerEventMap[K]) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      events.off(name, listener);
      resolve(payload);
    };
    events.on(name, listener);
  });
}
