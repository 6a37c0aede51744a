import express, { Router } from 'express';
import type { Express } from 'express';
import { findApiKeyByHash, pingDb } from '@stratum/db';
import type { Db } from '@stratum/db';
import {
  authenticate,
  errorHandler,
  healthRouter,
  jsonBody,
  notFoundHandler,
  observeRequests,
  requestContext,
  requireJson,
  securityHeaders,
  serveOpenApi,
  trustProxySetting,
} from '@stratum/http';
import type { Logger, Metrics, RateLimiter } from '@stratum/http';
import { buildAdminApiDocument } from '@stratum/schemas';
import type { AdminConfig } from './config';
import { destinationsRouter } from './destinations/destinations.routes';
import { privacyRouter } from './privacy/privacy.routes';
import { splitRouter } from './profiles/split.routes';
import { qualityRouter } from './quality/quality.routes';
import { rejectedEventsRouter } from './rejected-events/rejected-events.routes';
import { segmentsRouter } from './segments/segments.routes';
import { sourcesRouter } from './sources/sources.routes';

export interface AdminAppDeps {
  config: Pick<AdminConfig, 'KEY_CACHE_TTL_MS' | 'TRUST_PROXY' | 'DESTINATIONS_ALLOW_PRIVATE'>;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  rateLimiter: RateLimiter;
}

// Definitions and settings are small: a segment definition is at most 100 conditions.
const MAX_ADMIN_BODY = '256kb';

/**
 * Builds the internal admin API (secret keys only, never browsers of the public) without
 * listening, so tests can drive it with supertest.
 */
export function createApp(deps: AdminAppDeps): Express {
  const { config, db, logger, metrics, rateLimiter } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.use(requestContext(logger));
  app.use(observeRequests(metrics));
  app.use(securityHeaders());

  app.use(healthRouter({ ping: () => pingDb(db), logger }));
  // No /metrics here: bootApi serves it on its own port, off the public one.
  app.use(serveOpenApi(buildAdminApiDocument(), { title: 'Stratum CDP admin API' }));

  const api = Router();
  api.use(rateLimiter.byIp);
  api.use(
    authenticate({
      lookupKey: (hash) => findApiKeyByHash(db, hash),
      cacheTtlMs: config.KEY_CACHE_TTL_MS,
      allowBasic: false,
    }),
  );
  api.use(rateLimiter.byKey);
  api.use(requireJson(), jsonBody({ limit: MAX_ADMIN_BODY }));
  api.use(sourcesRouter({ db }));
  api.use(rejectedEventsRouter({ db }));
  api.use(segmentsRouter({ db }));
  api.use(destinationsRouter({ db, allowPrivate: config.DESTINATIONS_ALLOW_PRIVATE }));
  api.use(privacyRouter({ db }));
  api.use(splitRouter({ db }));
  api.use(qualityRouter({ db }));
  app.use('/api/v1/cdp', api);

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
