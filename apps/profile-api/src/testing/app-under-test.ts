import type { Express } from 'express';
import type pg from 'pg';
import { createDatabase } from '@stratum/db';
import type { Db, SeededTenant } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createMetrics, createRateLimiter, markShuttingDown } from '@stratum/http';
import type { Logger, Metrics } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import type { MemoryTransport } from '@stratum/http/testing';
import { createApp } from '../app';
import type { ProfileConfig } from '../config';

/** The app wired as main.ts wires it, over a given pool. */
export interface WiredApp {
  app: Express;
  metrics: Metrics;
  /** Closes the rate limiter (the pool belongs to the caller). */
  close: () => Promise<void>;
}

/** Wires the app over `db` with fresh metrics and an in-process rate limiter. */
export function wireApp(
  db: Db,
  logger: Logger,
  limitPerMinute = 100_000,
  overrides: Partial<
    Pick<
      ProfileConfig,
      'STREAM_BUFFER_BYTES' | 'STREAM_MAX_READERS' | 'PROFILE_CACHE_BYTES' | 'PROFILE_CACHE_POLL_MS'
    >
  > = {},
): WiredApp {
  const metrics = createMetrics();
  const rateLimiter = createRateLimiter({
    defaultLimitPerMinute: limitPerMinute,
    prefix: 'cdp:profile:test:',
    logger,
  });
  const app = createApp({
    config: {
      KEY_CACHE_TTL_MS: 30_000,
      TRUST_PROXY: false,
      DB_POOL_MAX: 10,
      STREAM_MAX_READERS: 20,
      STREAM_BUFFER_BYTES: 1_048_576,
      STREAM_POLL_MS: 50,
      // Off unless a test asks: most seed rows directly, without the change feed's records.
      PROFILE_CACHE_BYTES: 0,
      PROFILE_CACHE_MAX_LAG_MS: 1_000,
      PROFILE_CACHE_POLL_MS: 20,
      ...overrides,
    },
    db,
    logger,
    metrics,
    rateLimiter,
  });
  return {
    app,
    metrics,
    close: () => {
      // Stops what reads in the background (the cache's tail, the live stream).
      markShuttingDown(app);
      return rateLimiter.close();
    },
  };
}

/** The app on its own read-only pool over a fresh database, and a read-write handle to seed it. */
export interface AppUnderTest {
  app: Express;
  /** Read-write, for seeding; the app never sees it. */
  db: Db;
  /** The app's own pool, made read-only as main.ts makes it. */
  appDb: Db;
  /** The pg pool under `appDb` (to watch what the app sends). */
  appPool: pg.Pool;
  database: TestDatabase;
  tenant: SeededTenant;
  /** `Authorization` header value with the tenant's secret key (profiles:read). */
  auth: string;
  metrics: Metrics;
  log: MemoryTransport & { logger: Logger };
  close: () => Promise<void>;
}

/** Creates a database, a tenant with a secret key, and the app on a read-only pool. */
export async function startAppUnderTest(): Promise<AppUnderTest> {
  const database = await createTestDatabase();
  const tenant = await createTestTenant(database.db);
  const { db: appDb, pool: appPool } = createDatabase({
    databaseUrl: database.url,
    readOnly: true,
    applicationName: 'profile-api-test',
    connectionTimeoutMs: 10_000,
  });
  const log = createTestLogger('info');
  const wired = wireApp(appDb, log.logger);
  return {
    app: wired.app,
    db: database.db,
    appDb,
    appPool,
    database,
    tenant,
    auth: `Bearer ${tenant.secretKey.key}`,
    metrics: wired.metrics,
    log,
    close: async () => {
      await wired.close();
      await appDb.destroy();
      await database.destroy();
    },
  };
}
