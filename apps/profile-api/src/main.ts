import { createDatabase } from '@stratum/db';
import {
  createLogger,
  createMetrics,
  createRateLimiter,
  errorFields,
  exitOnConfigError,
  loadConfig,
  startServer,
} from '@stratum/http';
import { createApp } from './app';
import { ProfileConfigSchema } from './config';
import type { ProfileConfig } from './config';

let config: ProfileConfig;
try {
  config = loadConfig(ProfileConfigSchema);
} catch (error) {
  exitOnConfigError(error);
}

const logger = createLogger({ level: config.LOG_LEVEL });
// Every transaction of this pool is read-only, whatever the role behind DATABASE_URL may do.
const { db, pool } = createDatabase({
  databaseUrl: config.DATABASE_URL,
  readOnly: true,
  poolMax: config.DB_POOL_MAX,
  applicationName: 'stratum-profile-api',
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
  prefix: 'cdp:profile:',
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
  logger.error('could not start', errorFields(error));
  process.exitCode = 1;
});
