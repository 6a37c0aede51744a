import { createDatabase } from '@stratum/db';
import { bootApi } from '@stratum/http';
import { createApp } from './app';
import { IngestConfigSchema } from './config';

void bootApi({
  name: 'ingest-api',
  schema: IngestConfigSchema,
  rateLimitPrefix: 'cdp:ingest',
  connect: (config) =>
    createDatabase({
      databaseUrl: config.DATABASE_URL,
      poolMax: config.DB_POOL_MAX,
      applicationName: 'stratum-ingest-api',
      connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    }),
  createApp,
}).catch(() => {
  process.exitCode = 1;
});
