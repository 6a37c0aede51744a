import type { Express } from 'express';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { SeededTenant } from '@stratum/db';
import type { Metrics } from '@stratum/http';
import { createMetrics, createRateLimiter } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import type { MemoryTransport } from '@stratum/http/testing';
import {
  createRejectedEventsLog,
  createTenantSettingsReader,
  resolveInbox,
} from '@stratum/ingestion';
import { createApp } from '../app';

export interface IngestTestApp {
  app: Express;
  testDb: TestDatabase;
  tenant: SeededTenant;
  logs: MemoryTransport;
  /** The app's metrics, which main.ts serves on the metrics listener. */
  metrics: Metrics;
  /** `Authorization` header value for the tenant's write key. */
  writeAuth: string;
  /** `Authorization` header value for the tenant's secret key. */
  secretAuth: string;
  /** Resolves every event waiting in the inbox, as the worker's resolvers would. */
  settle: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The real ingest app on a fresh test database, with one tenant and logs kept in memory.
 * The vendor routes answer once the events are stored (200) unless `vendorRoutesAsync`
 * (the product's default: 202, then {@link IngestTestApp.settle} resolves them).
 */
export async function createIngestTestApp(
  options: { rateLimitPerMinute?: number; vendorRoutesAsync?: boolean } = {},
): Promise<IngestTestApp> {
  const testDb = await createTestDatabase();
  const tenant = await createTestTenant(testDb.db);
  const logs = createTestLogger('info');
  const rateLimiter = createRateLimiter({
    defaultLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    prefix: 'test',
    logger: logs.logger,
  });
  const metrics = createMetrics();
  const app = createApp({
    config: {
      KEY_CACHE_TTL_MS: 30_000,
      TRUST_PROXY: false,
      VENDOR_ROUTES_ASYNC: options.vendorRoutesAsync ?? false,
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
    writeAuth: `Bearer ${tenant.writeKey.key}`,
    secretAuth: `Bearer ${tenant.secretKey.key}`,
    settle: async () => {
      const deps = {
        db: testDb.db,
        getTenantSettings: createTenantSettingsReader(testDb.db, 0),
        rejectedLog: createRejectedEventsLog(testDb.db, logs.logger, metrics),
      };
      while ((await resolveInbox(deps, { resolver: 0, resolvers: 1 }, 1000)).backlog);
    },
    close: async () => {
      await rateLimiter.close();
      await testDb.destroy();
    },
  };
}

let counter = 0;

/** A valid track event with a unique id; override any field. */
export function trackEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    event_id: `evt-${process.pid}-${Date.now()}-${counter}`,
    type: 'track',
    name: 'Order Completed',
    identifiers: [{ type: 'email', value: `person${counter}@example.com` }],
    properties: { order_id: `A-${counter}`, revenue: 129.9, currency: 'EUR' },
    ...overrides,
  };
}
