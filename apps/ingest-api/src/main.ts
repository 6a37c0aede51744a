import { createDatabase } from '@stratum/db';
import {
  createLogger,
  errorFields,
  createMetrics,
  createRateLimiter,
  exitOnConfigError,
  loadConfig,
  startServer,
} from '@stratum/http';
import { createApp } from './app';
import { IngestConfigSchema } from './config';
import type { IngestConfig } from './config';

let config: IngestConfig;
try {
  config = loadConfig(IngestConfigSchema);
} catch (error) {
  exitOnConfigError(error);
}
const logger = createLogger({ level: config.LOG_LEVEL });
const { db, pool } = createDatabase({
  databaseUrl: config.DATABASE_URL,
  poolMax: config.DB_POOL_MAX,
  applicationName: 'stratum-ingest-api',
  connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
});
const metrics = createMetrics();
metrics.setPoolStatsProvider(() => ({
  total: pool.totalCount,
  idle: pool.idleCount,
  waiting: pool.waitingCount,
}));
const rateLimiter = createRateLimiter({
  defaultLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  redisUrl: config.REDIS_URL,
  prefix: 'ingest',
  logger,
  onLimited: () => metrics.rateLimited.inc(),
});

startServer(createApp({ config, db, logger, metrics, rateLimiter }), {
  port: config.PORT,
  host: config.HOST,
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  onShutdown: async () => {
    await rateLimiter.close();
    await db.destroy();
  },
}).catch((error: unknown) => {
  logger.error('ingest-api failed to start', errorFields(error));
  process.exit(1);
});
