import { createDatabase } from '@stratum/db';
import { bootApi } from '@stratum/http';
import { createApp } from './app';
import { AdminConfigSchema } from './config';

void bootApi({
  name: 'admin-api',
  schema: AdminConfigSchema,
  rateLimitPrefix: 'cdp:admin',
  connect: (config) =>
    createDatabase({
      databaseUrl: config.DATABASE_URL,
      poolMax: config.DB_POOL_MAX,
      applicationName: 'stratum-admin-api',
      connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    }),
  createApp,
}).catch(() => {
  process.exitCode = 1;
});
