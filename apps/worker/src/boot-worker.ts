import { EventEmitter } from 'node:events';
import { createDatabase, pingDb } from '@stratum/db';
import {
  createLogger,
  createMetricsApp,
  errorFields,
  exitOnConfigError,
  loadConfig,
  startServer,
} from '@stratum/http';
import type { Env, RunningServer } from '@stratum/http';
import type { WorkerEvents } from 'graphile-worker';
import { WorkerConfigSchema } from './config';
import type { WorkerConfig } from './config';
import { startFanoutChain } from './destinations/destinations.schedule';
import { startInboxChains } from './inbox/inbox.schedule';
import { createWorkerMetrics } from './metrics/worker-metrics';
import { observeJobs } from './queue/job-metrics';
import { readQueueDepth } from './queue/queue-depth';
import { createQueuePool } from './queue/queue-pool';
import { startRunner } from './queue/start-runner';
import type { QueueRunner } from './queue/start-runner';
import { readWorkerFeedLag } from './segments/membership-lag';
import { startMembershipChain } from './segments/segments.schedule';
import { TASK_NAMES, createTasks } from './tasks';

/** Options of {@link bootWorker} (tests pass an environment and no signals). */
export interface BootWorkerOptions {
  env?: Env;
  /** Signals that start the shutdown; default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  /** Ends the process after a signal or a runner failure; default `process.exit`. */
  exit?: (code: number) => void;
}

/** A booted worker: its listener (health and metrics) and its shutdown. */
export interface RunningWorker {
  config: WorkerConfig;
  /** `http://host:port` of the listener serving /healthz, /readyz and /metrics. */
  url: string;
  queue: QueueRunner;
  /** Stops taking jobs, lets running ones finish, closes the pools; resolves to the exit code. */
  shutdown: (reason?: string) => Promise<number>;
}

function loadWorkerConfig(env: Env | undefined): WorkerConfig {
  try {
    return loadConfig(WorkerConfigSchema, env);
  } catch (error) {
    return exitOnConfigError(error);
  }
}

/**
 * The worker's `main.ts`: load the configuration (exit 1 naming each bad variable), serve
 * /healthz, /readyz and /metrics on `METRICS_PORT`, start the job queue with the tasks and
 * their cron items. On SIGTERM the listener closes, running jobs finish, the pools close and
 * the process exits 0 (1 past `SHUTDOWN_TIMEOUT_MS`). If the runner stops on its own, the
 * process shuts down and exits 1, so its supervisor starts a new one.
 */
export async function bootWorker(options: BootWorkerOptions = {}): Promise<RunningWorker> {
  const config = loadWorkerConfig(options.env);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const logger = createLogger({ level: config.LOG_LEVEL });
  const { db, pool } = createDatabase({
    databaseUrl: config.DATABASE_URL,
    poolMax: config.DB_POOL_MAX,
    applicationName: 'stratum-worker',
    connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  const queuePool = createQueuePool(config, logger);
  const metrics = createWorkerMetrics(TASK_NAMES);
  metrics.setPools({ tasks: pool, queue: queuePool });
  metrics.setQueueDepthProvider(() => readQueueDepth(queuePool));
  metrics.setFeedLagProvider(() => readWorkerFeedLag(db));
  const events = new EventEmitter() as WorkerEvents;
  observeJobs(events, metrics, TASK_NAMES);

  let queue: QueueRunner | undefined;
  let closing = false;
  const close = async () => {
    closing = true;
    await queue?.stop();
    await queuePool.end();
    await db.destroy();
  };
  let server: RunningServer | undefined;
  try {
    // The listener first: a taken port stops the start before any job is taken.
    server = await startServer(
      createMetricsApp({
        metrics,
        logger,
        token: config.METRICS_TOKEN,
        health: {
          logger,
          ping: async () => {
            if (queue?.isRunning() !== true) throw new Error('the job runner is not running');
            await pingDb(db);
          },
        },
      }),
      {
        port: config.METRICS_PORT,
        host: config.HOST,
        logger,
        shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        onShutdown: close,
        signals: options.signals,
        exit,
      },
    );
    const { taskList, cronItems } = createTasks(config, { db, logger, registry: metrics.registry });
    queue = await startRunner({
      pgPool: queuePool,
      taskList,
      cronItems,
      concurrency: config.WORKER_CONCURRENCY,
      pollIntervalMs: config.WORKER_POLL_INTERVAL_MS,
      logger,
      events,
    });
    await startMembershipChain(queue.runner);
    await startFanoutChain(queue.runner);
    await startInboxChains(queue.runner, config.INBOX_RESOLVERS);
  } catch (error) {
    logger.error('worker failed to start', errorFields(error));
    if (server === undefined) await close();
    else await server.shutdown('the worker failed to start');
    throw error;
  }
  const listener = server;
  const onRunnerEnd = (error?: unknown) => {
    if (closing) return;
    logger.error(
      'the job runner stopped on its own',
      error === undefined ? {} : errorFields(error),
    );
    void listener.shutdown('the job runner stopped').then(() => exit(1));
  };
  queue.stopped.then(() => onRunnerEnd(), onRunnerEnd);
  logger.info('worker started', {
    tasks: TASK_NAMES,
    concurrency: config.WORKER_CONCURRENCY,
    partitions_maintain_cron: config.PARTITIONS_MAINTAIN_CRON,
    retention_run_cron: config.RETENTION_RUN_CRON,
  });
  return { config, url: listener.url, queue, shutdown: listener.shutdown };
}
