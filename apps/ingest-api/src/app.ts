import express, { Router } from 'express';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import { findApiKeyByHash, pingDb } from '@stratum/db';
import {
  authenticate,
  corsHeaders,
  corsPreflight,
  errorHandler,
  healthRouter,
  jsonBody,
  observeRequests,
  notFoundHandler,
  requestContext,
  requireJson,
  securityHeaders,
  serveOpenApi,
  trustProxySetting,
} from '@stratum/http';
import type { Logger, Metrics, RateLimiter } from '@stratum/http';
import { MAX_REQUEST_BYTES, buildIngestApiDocument } from '@stratum/schemas';
import { consentsRouter } from './consents/consents.routes';
import type { IngestConfig } from './config';
import { posthogRouter } from './compat/posthog.routes';
import { segmentRouter } from './compat/segment.routes';
import { eventsRouter } from './events/events.routes';
import {
  createInboxAppender,
  createIngestQueue,
  createRejectedEventsLog,
  createTenantSettingsReader,
} from '@stratum/ingestion';

export interface IngestAppDeps {
  config: Pick<IngestConfig, 'KEY_CACHE_TTL_MS' | 'TRUST_PROXY'> &
    Partial<Pick<IngestConfig, 'VENDOR_ROUTES_ASYNC' | 'INGEST_LANES'>>;
  db: Kysely<Database>;
  logger: Logger;
  metrics: Metrics;
  rateLimiter: RateLimiter;
}

/** Builds the ingest API without listening, so tests can drive it with supertest. */
export function createApp(deps: IngestAppDeps): Express {
  const { config, db, logger, metrics, rateLimiter } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Answers are never cached or revalidated: hashing every body for an ETag is waste.
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.use(requestContext(logger));
  app.use(observeRequests(metrics));
  app.use(securityHeaders());

  app.use(healthRouter({ ping: () => pingDb(db) }));
  // No /metrics here: bootApi serves it on its own port, off the public one.
  app.use(serveOpenApi(buildIngestApiDocument()));

  const getTenantSettings = createTenantSettingsReader(db);
  // One queue for every route that ingests events, so their requests coalesce together.
  const ingest = {
    getTenantSettings,
    metrics,
    queue: createIngestQueue(db, { lanesPerTenant: config.INGEST_LANES }),
    appendToInbox: createInboxAppender(db),
    rejectedLog: createRejectedEventsLog(db, logger, metrics),
  };
  const vendorDeps = {
    ...ingest,
    db,
    rateLimiter,
    keyCacheTtlMs: config.KEY_CACHE_TTL_MS,
    // The contract's default (SPEC §16); tests of per-message results ask for 200.
    mode: config.VENDOR_ROUTES_ASYNC === false ? ('sync' as const) : ('async' as const),
  };
  app.use(segmentRouter(vendorDeps));
  app.use(posthogRouter(vendorDeps));

  const api = Router();
  // Browsers may send events (SPEC §10); /consents, which needs a secret key, has no CORS.
  api.options('/events', corsPreflight());
  api.post('/events', corsHeaders());
  api.use(rateLimiter.byIp);
  api.use(
    authenticate({
      lookupKey: (hash) => findApiKeyByHash(db, hash),
      cacheTtlMs: config.KEY_CACHE_TTL_MS,
      allowBasic: true,
    }),
  );
  api.use(rateLimiter.byKey);
  api.use(requireJson(), jsonBody({ limit: MAX_REQUEST_BYTES }));
  api.use(eventsRouter(ingest));
  api.use(consentsRouter({ db, getTenantSettings, metrics }));
  app.use('/api/v1/cdp', api);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
