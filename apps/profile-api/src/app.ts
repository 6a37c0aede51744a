import express, { Router } from 'express';
import type { Express } from 'express';
import { findApiKeyByHash, pingDb } from '@stratum/db';
import type { Db } from '@stratum/db';
import {
  acceptUpgrades,
  authenticate,
  errorHandler,
  healthRouter,
  notFoundHandler,
  observeRequests,
  onDrain,
  requestContext,
  securityHeaders,
  serveOpenApi,
  trustProxySetting,
} from '@stratum/http';
import type { Logger, Metrics, RateLimiter } from '@stratum/http';
import { buildProfileApiDocument } from '@stratum/schemas';
import type { ProfileConfig } from './config';
import { ExportSlots } from './exports/export-slots';
import { CacheTail } from './profile-cache/cache-tail';
import { createProfileCacheMetrics } from './profile-cache/cache-metrics';
import { CachedProfiles } from './profile-cache/cached-profiles';
import { ProfileCache } from './profile-cache/profile-cache';
import { asReadonly } from './read-only/read-only-db';
import { exportsRouter } from './exports/exports.routes';
import { profilesRouter } from './profiles/profiles.routes';
import { segmentsRouter } from './segments/segments.routes';
import { StreamHub } from './stream/stream-hub';
import { createStreamMetrics } from './stream/stream-metrics';
import { streamRouter } from './stream/stream.routes';

export interface ProfileAppDeps {
  /** `DB_POOL_MAX` sizes the exports: they may hold half the pool's connections at most. */
  config: Pick<
    ProfileConfig,
    | 'KEY_CACHE_TTL_MS'
    | 'TRUST_PROXY'
    | 'DB_POOL_MAX'
    | 'STREAM_MAX_READERS'
    | 'STREAM_BUFFER_BYTES'
    | 'STREAM_POLL_MS'
    | 'PROFILE_CACHE_BYTES'
    | 'PROFILE_CACHE_MAX_LAG_MS'
    | 'PROFILE_CACHE_POLL_MS'
  >;
  /**
   * Should be made with `readOnly: true`. A profile look-up and each segment read are one
   * SELECT; the other reads run in read-only transactions.
   */
  db: Db;
  logger: Logger;
  metrics: Metrics;
  rateLimiter: RateLimiter;
}

/** Builds the read-only profile API without listening, so tests can drive it with supertest. */
export function createApp(deps: ProfileAppDeps): Express {
  const { config, db, logger, metrics, rateLimiter } = deps;
  const reader = asReadonly(db);
  const app = express();
  app.disable('x-powered-by');
  // Profiles are answered `private, no-store`, so no client revalidates them: an ETag would
  // only cost a hash of every body.
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.use(requestContext(logger));
  app.use(observeRequests(metrics));
  app.use(securityHeaders());

  const api = Router();
  api.use(rateLimiter.byIp);
  api.use(
    authenticate({
      lookupKey: (hash) =>
        db
          .transaction()
          .setAccessMode('read only')
          .execute((trx) => findApiKeyByHash(trx, hash)),
      cacheTtlMs: config.KEY_CACHE_TTL_MS,
      allowBasic: false,
    }),
  );
  api.use(rateLimiter.byKey);
  const cache = new ProfileCache({
    maxBytes: config.PROFILE_CACHE_BYTES,
    maxLagMs: config.PROFILE_CACHE_MAX_LAG_MS,
  });
  const tail = new CacheTail({ db, cache, logger, pollMs: config.PROFILE_CACHE_POLL_MS });
  onDrain(app, () => tail.close());
  const profiles = new CachedProfiles(
    reader,
    cache,
    createProfileCacheMetrics(metrics, cache),
    config.PROFILE_CACHE_BYTES > 0 ? () => tail.wake() : undefined,
  );
  api.use(profilesRouter({ db: reader, profiles, metrics }));
  api.use(segmentsRouter({ db: reader }));
  api.use(exportsRouter({ db: reader, slots: ExportSlots.forPool(config.DB_POOL_MAX) }));
  const hub = new StreamHub({
    db,
    logger,
    metrics: createStreamMetrics(metrics),
    pollMs: config.STREAM_POLL_MS,
    bufferBytes: config.STREAM_BUFFER_BYTES,
    maxReaders: config.STREAM_MAX_READERS,
  });
  api.use(streamRouter({ db, hub }));
  // Streams never end by themselves: draining ends them, each reader told where to resume.
  onDrain(app, () => hub.close());
  acceptUpgrades(app);
  // The API first: its requests, nearly all of them, then skip matching the routes below.
  app.use('/api/v1/cdp', api);

  app.use(healthRouter({ ping: () => pingDb(db), logger }));
  // No /metrics here: bootApi serves it on its own port, off the public one.
  app.use(serveOpenApi(buildProfileApiDocument(), { title: 'Stratum CDP profile API' }));

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
