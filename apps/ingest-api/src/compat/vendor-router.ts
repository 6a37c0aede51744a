import { Router } from 'express';
import type { Request } from 'express';
import type { Kysely } from 'kysely';
import type { MappedEvent, BatchInfo, SplitBody } from '@stratum/compat';
import type { Database } from '@stratum/db';
import { findApiKeyByHash } from '@stratum/db';
import {
  AppError,
  authenticate,
  corsHeaders,
  corsPreflight,
  getAuth,
  requireAllowedOrigin,
  requireEnabledSource,
  requireScope,
  vendorBody,
} from '@stratum/http';
import type { RateLimiter } from '@stratum/http';
import { MAX_REQUEST_BYTES } from '@stratum/schemas';
import type { IngestEventsDeps, IngestMode } from '../events/ingest-events.service';
import { ingestVendorMessages } from './vendor-ingest';
import type { VendorLogging, VendorNaming } from './vendor-ingest';

export interface VendorRouteDeps extends IngestEventsDeps {
  db: Kysely<Database>;
  rateLimiter: RateLimiter;
  keyCacheTtlMs: number;
  /** `async`: answer 202 once the events are in the inbox; `sync`: 200 once stored. */
  mode: IngestMode;
}

/** What differs between vendors: routes, body shape, mapping, names and answer. */
export interface VendorSpec {
  /** Paths without trailing slash; Express's non-strict routing also takes `/batch/`. */
  paths: readonly string[];
  split: (path: string, body: unknown) => SplitBody;
  map: (message: unknown, batch: BatchInfo) => MappedEvent;
  naming: (body: unknown, path: string) => VendorNaming;
  /** What the vendor's clients expect in a 200, before Stratum's counts. */
  answer: Readonly<Record<string, unknown>>;
  /** Where refused messages are logged from, and how they are redacted. */
  logging: VendorLogging;
}

/**
 * One vendor's ingestion routes: the body read as JSON whatever its labels (gzip and
 * deflate inflated under the request cap), the write key from `Authorization` (Bearer or
 * Basic) or else the body, the `events:write` scope and an enabled source as POST /events
 * needs, then each message mapped and ingested through the same path. CORS for pages
 * (analytics.js): preflights answered, the source's allowed origins enforced.
 */
export function vendorRouter(deps: VendorRouteDeps, spec: VendorSpec): Router {
  const router = Router();
  const bodyKey = (req: Request): string | undefined => {
    const split = spec.split(req.path, req.body);
    return split.ok ? split.writeKey : undefined;
  };
  router.options([...spec.paths], corsPreflight());
  router.post(
    [...spec.paths],
    corsHeaders(),
    deps.rateLimiter.byIp,
    vendorBody({ limit: MAX_REQUEST_BYTES }),
    authenticate({
      lookupKey: (hash) => findApiKeyByHash(deps.db, hash),
      cacheTtlMs: deps.keyCacheTtlMs,
      allowBasic: true,
      keyFromRequest: bodyKey,
    }),
    deps.rateLimiter.byKey,
    requireScope('events:write'),
    requireEnabledSource(),
    requireAllowedOrigin(),
    async (req, res) => {
      const receivedAt = new Date();
      const split = spec.split(req.path, req.body);
      if (!split.ok) {
        throw new AppError('VALIDATION_FAILED', {
          detail: 'The body is not a message or batch of this route',
          errors: split.errors,
        });
      }
      const batch: BatchInfo = { sentAt: split.sentAt, receivedAt };
      const body = await ingestVendorMessages(
        deps,
        getAuth(res),
        receivedAt,
        split.messages,
        (message) => spec.map(message, batch),
        spec.naming(req.body, req.path),
        spec.logging,
        deps.mode,
      );
      res.status(deps.mode === 'async' ? 202 : 200).json({ ...spec.answer, ...body });
    },
  );
  return router;
}
