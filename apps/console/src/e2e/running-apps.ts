/**
 * The ingest, admin and profile APIs on one test database, each listening on a free port,
 * for the console's browser test: the console talks to them as it talks to the real ones.
 * The console never imports another app, nor the server libraries; this file is the one
 * place its tests do.
 */
/* eslint-disable @nx/enforce-module-boundaries -- see above */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { SeededTenant } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import { startWebhookReceiver } from '@stratum/destinations/testing';
import type { WebhookReceiver } from '@stratum/destinations/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createMetrics, createRateLimiter } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import { freePort } from '@stratum/http/testing/next-server';
import { createApp as createAdminApp } from '../../../admin-api/src/app';
import { createApp as createIngestApp } from '../../../ingest-api/src/app';
import { wireApp } from '../../../profile-api/src/testing/app-under-test';
import { bootWorker } from '../../../worker/src/boot-worker';

export interface RunningApps {
  testDb: TestDatabase;
  tenant: SeededTenant;
  ingestUrl: string;
  adminUrl: string;
  profileUrl: string;
  /** A webhook receiver on 127.0.0.1, for destinations. */
  receiver: WebhookReceiver;
  close: () => Promise<void>;
}

async function listen(app: Express, servers: Server[]): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startRunningApps(): Promise<RunningApps> {
  const testDb = await createTestDatabase();
  const tenant = await createTestTenant(testDb.db);
  const { logger } = createTestLogger('warn');
  const limiter = (prefix: string) =>
    createRateLimiter({ defaultLimitPerMinute: 100_000, prefix, logger });
  const ingestLimiter = limiter('cdp:console-test:ingest:');
  const adminLimiter = limiter('cdp:console-test:admin:');
  const ingest = createIngestApp({
    config: { KEY_CACHE_TTL_MS: 30_000, TRUST_PROXY: false },
    db: testDb.db,
    logger,
    metrics: createMetrics(),
    rateLimiter: ingestLimiter,
  });
  const admin = createAdminApp({
    config: { KEY_CACHE_TTL_MS: 30_000, TRUST_PROXY: false, DESTINATIONS_ALLOW_PRIVATE: true },
    db: testDb.db,
    logger,
    metrics: createMetrics(),
    rateLimiter: adminLimiter,
  });
  const profile = wireApp(testDb.db, logger);
  // The real worker: segment membership, fan-out to destinations, webhook deliveries.
  const worker = await bootWorker({
    env: {
      DATABASE_URL: testDb.url,
      HOST: '127.0.0.1',
      METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'error',
      DESTINATIONS_ALLOW_PRIVATE: 'true',
      SHUTDOWN_TIMEOUT_MS: '5000',
    },
    signals: [],
    exit: () => undefined,
  });
  const receiver = await startWebhookReceiver();
  const servers: Server[] = [];
  return {
    testDb,
    tenant,
    ingestUrl: await listen(ingest, servers),
    adminUrl: await listen(admin, servers),
    profileUrl: await listen(profile.app, servers),
    receiver,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      await worker.shutdown('test');
      await receiver.close();
      await Promise.all([ingestLimiter.close(), adminLimiter.close(), profile.close()]);
      await testDb.destroy();
    },
  };
}
