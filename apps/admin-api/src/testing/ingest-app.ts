/**
 * The ingest API over the admin app's test database, for the tests of what crosses the two
 * processes: sources and keys managed here take effect on ingestion, and the rejected-events
 * log ingestion writes is read here. The app itself never imports ingest-api (they share only
 * libraries); this file is the one place its tests do, so the exception stays visible.
 */
import type { Express } from 'express';
import type { Db } from '@stratum/db';
import { createMetrics, createRateLimiter } from '@stratum/http';
import type { Metrics } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import type { MemoryTransport } from '@stratum/http/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tests drive the real ingest app, see above
import { createApp } from '../../../ingest-api/src/app';

// eslint-disable-next-line @nx/enforce-module-boundaries -- the events ingest's own tests send
export { trackEvent } from '../../../ingest-api/src/testing/ingest-test-app';

export interface IngestUnderTest {
  app: Express;
  logs: MemoryTransport;
  metrics: Metrics;
  close: () => Promise<void>;
}

/** The real ingest app on `db`, keys cached for `keyCacheTtlMs` as KEY_CACHE_TTL_MS does. */
export function createIngestApp(db: Db, options: { keyCacheTtlMs?: number } = {}): IngestUnderTest {
  const logs = createTestLogger('info');
  const rateLimiter = createRateLimiter({
    defaultLimitPerMinute: 100_000,
    prefix: 'cdp:ingest:test:',
    logger: logs.logger,
  });
  const metrics = createMetrics();
  const app = createApp({
    config: { KEY_CACHE_TTL_MS: options.keyCacheTtlMs ?? 30_000, TRUST_PROXY: false },
    db,
    logger: logs.logger,
    metrics,
    rateLimiter,
  });
  return { app, logs, metrics, close: () => rateLimiter.close() };
}
