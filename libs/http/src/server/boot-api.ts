import type { Express } from 'express';
import type { z } from 'zod';
import type { BaseApiConfig } from '../config/base-api-config';
import { exitOnConfigError, loadConfig } from '../config/load-config';
import type { Env } from '../config/load-config';
import { createLogger, errorFields } from '../logging/logger';
import type { Logger } from '../logging/logger';
import { createMetrics } from '../metrics/metrics';
import type { Metrics } from '../metrics/metrics';
import { createRateLimiter } from '../rate-limit/rate-limiter';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { startServer } from './start-server';
import type { RunningServer } from './start-server';

/** The connection counts a pg pool exposes. */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What an app's `createApp` receives from {@link bootApi}. */
export interface ApiDeps<C, D> {
  config: C;
  db: D;
  logger: Logger;
  metrics: Metrics;
  rateLimiter: RateLimiter;
}

export interface BootApiOptions<
  C extends BaseApiConfig & { PORT: number },
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
 * variable), connect, build the app, listen, and on SIGTERM drain, close the rate limiter
 * and the pool.
 */
export async function bootApi<
  C extends BaseApiConfig & { PORT: number },
  D extends { destroy(): Promise<void> },
>(options: BootApiOptions<C, D>): Promise<RunningServer> {
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
  try {
    return await startServer(options.createApp({ config, db, logger, metrics, rateLimiter }), {
      port: config.PORT,
      host: config.HOST,
      logger,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      onShutdown: async () => {
        await rateLimiter.close();
        await db.destroy();
      },
    });
  } catch (error) {
    logger.error(`${options.name} failed to start`, errorFields(error));
    await rateLimiter.close();
    await db.destroy();
    throw error;
  }
}
