import type { Logger } from '@stratum/http';
import { parseCronItems, run } from 'graphile-worker';
import type { CronItem, Runner, TaskList, WorkerEvents } from 'graphile-worker';
import { EventEmitter } from 'node:events';
import type { Pool } from 'pg';
import { createQueueLogger } from './queue-logger';

/** Options of {@link startRunner}. */
export interface StartRunnerOptions {
  /** The queue's own pool: it holds one connection for LISTEN, plus one per running job. */
  pgPool: Pool;
  taskList: TaskList;
  cronItems: CronItem[];
  concurrency: number;
  pollIntervalMs: number;
  logger: Logger;
  /** Where the queue emits its events (job:start, job:complete, …); default a new one. */
  events?: WorkerEvents;
}

/** A started queue runner. */
export interface QueueRunner {
  runner: Runner;
  /** True from start until it stops, whatever stopped it. */
  isRunning: () => boolean;
  /** Settles when the runner has stopped; rejects when it failed. */
  stopped: Promise<void>;
  /** Takes no new jobs, lets running ones finish, then resolves. */
  stop: () => Promise<void>;
}

/**
 * Installs or upgrades the queue's schema (graphile-worker migrates under an advisory lock, so
 * several workers may start at once), then runs the tasks and the cron items. New jobs are
 * announced by NOTIFY and picked up at once; `pollIntervalMs` only matters for jobs scheduled
 * for later and for retries. Signals are ours to handle (see main.ts).
 */
export async function startRunner(options: StartRunnerOptions): Promise<QueueRunner> {
  const runner = await run({
    pgPool: options.pgPool,
    taskList: options.taskList,
    parsedCronItems: parseCronItems(options.cronItems),
    concurrency: options.concurrency,
    pollInterval: options.pollIntervalMs,
    noHandleSignals: true,
    logger: createQueueLogger(options.logger),
    events: options.events ?? (new EventEmitter() as WorkerEvents),
    // Unbatched, a finished job's completion is written without being awaited, so a shutdown
    // could close the pool first and leave the job locked, to run again hours later. Batched
    // (even with no delay), the runner flushes completions and failures before it stops.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
  let running = true;
  const stopped = runner.promise.finally(() => {
    running = false;
  });
  // Whoever needs the failure awaits `stopped`; this keeps it from being "unhandled" meanwhile.
  stopped.catch(() => undefined);
  let stopping: Promise<void> | undefined;
  return {
    runner,
    isRunning: () => running,
    stopped,
    stop: () => {
      stopping ??= running ? runner.stop() : Promise.resolve();
      return stopping;
    },
  };
}
