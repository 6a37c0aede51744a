import type { Express } from 'express';
import type { SeededTenant } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createMetrics, createRateLimiter } from '@stratum/http';
import type { Metrics } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import type { MemoryTransport } from '@stratum/http/testing';
import { createApp } from '../app';

export interface AdminTestApp {
  app: Express;
  testDb: TestDatabase;
  tenant: SeededTenant;
  logs: MemoryTransport;
  metrics: Metrics;
  /** `Authorization` header value for the tenant's secret key. */
  secretAuth: string;
  /** `Authorization` header value for the tenant's write key (never enough here). */
  writeAuth: string;
  close: () => Promise<void>;
}

/** Settings of the app under test. */
export interface AdminTestOptions {
  /** DESTINATIONS_ALLOW_PRIVATE (default false, as in production). */
  destinationsAllowPrivate?: boolean;
}

/** The real admin app on a fresh test database, with one tenant and logs kept in memory. */
export async function createAdminTestApp(options: AdminTestOptions = {}): Promise<AdminTestApp> {
  const testDb = await createTestDatabase();
  const tenant = await createTestTenant(testDb.db);
  const logs = createTestLogger('info');
  const rateLimiter = createRateLimiter({
    defaultLimitPerMinute: 100_000,
    prefix: 'cdp:admin:test:',
    logger: logs.logger,
  });
  const metrics = createMetrics();
  const app = createApp({
    config: {
      KEY_CACHE_TTL_MS: 30_000,
      TRUST_PROXY: false,
      DESTINATIONS_ALLOW_PRIVATE: options.destinationsAllowPrivate ?? false,
    },
    db: testDb.db,
    logger: logs.logger,
    metrics,
    rateLimiter,
  });
  return {
    app,
    testDb,
    tenant,
    logs,
    metrics,
    secretAuth: `Bearer ${tenant.secretKey.key}`,
    writeAuth: `Bearer ${tenant.writeKey.key}`,
    close: async () => {
      await rateLimiter.close();
      await testDb.destroy();
    },
  };
}
