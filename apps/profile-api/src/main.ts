import { createDatabase } from '@stratum/db';
import { bootApi } from '@stratum/http';
import { createApp } from './app';
import { ProfileConfigSchema } from './config';

void bootApi({
  name: 'profile-api',
  schema: ProfileConfigSchema,
  rateLimitPrefix: 'cdp:profile',
  // Every transaction of this pool is read-only, whatever the role behind DATABASE_URL may do.
  connect: (config) =>
    createDatabase({
      databaseUrl: config.DATABASE_URL,
      readOnly: true,
      poolMax: config.DB_POOL_MAX,
      applicationName: 'stratum-profile-api',
      connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      preparedStatements: config.DB_PREPARED_STATEMENTS,
    }),
  createApp,
}).catch(() => {
  process.exitCode = 1;
});
