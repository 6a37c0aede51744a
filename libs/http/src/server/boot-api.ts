import type { Express } from 'express';
import type { z } from 'zod';
import type { BaseApiConfig } from '../config/base-api-config';
import { exitOnConfigError, loadConfig } from '../config/load-config';
import type { Env } from '../config/load-config';
import { createLogger, errorFields } from '../logging/logger';
import type { Logger } from '../logging/logger';
import { createMetrics } from '../metrics/metrics';
import type { Metrics } from '../metrics/metrics';
import { createMetricsApp } from '../metrics/metrics-app';
import { createRateLimiter } from '../rate-limit/rate-limiter';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { startServer } from './start-server';
import type { RunningServer } from './start-server';

/** The connection counts a pg pool exposes. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What an app's `createApp` receives from {@link bootApi}. */
interface ApiDeps<C, D> {
  config: C;
  db: D;
  logger: Logger;
  metrics: Metrics;
  rateLimiter: RateLimiter;
}

/** The ports an app's configuration adds to the shared variables. */
export interface ApiPorts {
  PORT: number;
  METRICS_PORT: number;
}

/** A booted API: its public server, and where its metrics listener answers. */
export interface RunningApi extends RunningServer {
  /** `http://host:port` of the metrics listener (`GET /metrics`). */
  metricsUrl: string;
}

export interface BootApiOptions<
  C extends BaseApiConfig & ApiPorts,
  D extends { destroy(): Promise<void> },
> {
  /** Used in log lines, e.g. `ingest-api`. */
  name: string;
  schema: z.ZodType<C, Env>;
  /** Prefix of the rate-limit keys in Redis. */
  rateLimitPrefix: string;
  /** Opens the app's database with the configuration. */
  connect: (config: C) => { db: D; pool: PoolCounts };
  createApp: (deps: ApiDeps<C, D>) => Express;
  env?: NodeJS.ProcessEnv;
}

/**
 * The `main.ts` of an API: load and validate the configuration (exit 1 naming each bad
 * variable), connect, build the app, listen on `PORT` and serve `/metrics` on
 * `METRICS_PORT` (behind `METRICS_TOKEN` when set); on SIGTERM drain the public server,
 * then close the metrics listener, the rate limiter and the pool.
 */
export async function bootApi<
  C extends BaseApiConfig & ApiPorts,
  D extends { destroy(): Promise<void> },
>(options: BootApiOptions<C, D>): Promise<RunningApi> {
  let config: C;
  try {
    config = loadConfig(options.schema, options.env);
  } catch (error) {
    exitOnConfigError(error);
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  const { db, pool } = options.connect(config);
  const metrics = createMetrics();
  metrics.setPoolStatsProvider(() => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  }));
  const rateLimiter = createRateLimiter({
    defaultLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    redisUrl: config.REDIS_URL,
    prefix: options.rateLimitPrefix,
    logger,
    onLimited: () => metrics.rateLimited.inc(),
  });
  let metricsServer: RunningServer | undefined;
  try {
    // Metrics first: a taken metrics port stops the start before any traffic is accepted.
    metricsServer = await startServer(
      createMetricsApp({ metrics, logger, token: config.METRICS_TOKEN }),
      {
        port: config.METRICS_PORT,
        host: config.HOST,
        logger: logger.child({ listener: 'metrics' }),
        shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        onShutdown: () => Promise.resolve(),
        // The public server's shutdown closes this one, after its own drain.
        signals: [],
      },
    );
    const metricsListener = metricsServer;
    const api = await startServer(options.createApp({ config, db, logger, metrics, rateLimiter }), {
      port: config.PORT,
      host: config.HOST,
      logger,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      onShutdown: async () => {
        // Scrapes go on while requests drain; the exit code is the public server's.
        await metricsListener.shutdown('the API stopped');
        await rateLimiter.close();
        await db.destroy();
      },
    });
    return { ...api, metricsUrl: metricsListener.url };
  } catch (error) {
    logger.error(`${options.name} failed to start`, errorFields(error));
    await metricsServer?.shutdown('the API failed to start');
    await rateLimiter.close();
    await db.destroy();
    throw error;
  }
}
