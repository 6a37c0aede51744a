import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import { hashApiKey, isWellFormedApiKey } from '@stratum/db';
import type { ApiKeyRecord, AuthContext } from './auth-context';
import { readCredentials } from './credentials';
import type { Credentials } from './credentials';
import { ExpiringLruCache } from './key-cache';

/** Options of {@link authenticate}. */
export interface AuthenticateOptions {
  /** Finds a key by the SHA-256 hex of the whole key (e.g. a libs/db repository function). */
  lookupKey: (keyHash: string) => Promise<ApiKeyRecord | undefined>;
  /** How long a found key stays cached; bounds how late a revocation takes effect. */
  cacheTtlMs: number;
  /** Also accept `Authorization: Basic base64(<key>:)` (ingest endpoints). */
  allowBasic: boolean;
  /**
   * A key the request carries elsewhere, used when it sends no `Authorization` header: the
   * vendor routes' body `writeKey` / `api_key`. Runs after the body is parsed.
   */
  keyFromRequest?: (req: Request) => string | undefined;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Cache bound; the least recently used entries go first. Default 10,000. */
  maxCacheEntries?: number;
  /** How long an unknown key stays cached. Default min(cacheTtlMs, 5 s). */
  missCacheTtlMs?: number;
}

type CachedKey = ApiKeyRecord | undefined;

function unauthenticated(detail: string): AppError {
  return new AppError('UNAUTHENTICATED', { detail });
}

function toAuthContext(record: ApiKeyRecord): AuthContext {
  const { tenantId, keyId, sourceId, scopes, source } = record;
  return { tenantId, keyId, sourceId, scopes, source };
}

/**
 * Authenticates the request by API key and sets `res.locals.auth` (read it with
 * `getAuth(res)`). Keys of the wrong shape are refused before any look-up; found and
 * unknown keys are cached by hash; missing, malformed, unknown and revoked keys are
 * answered 401 with `WWW-Authenticate`. A failing `lookupKey` propagates (503 when the
 * database is unavailable) and is not cached. Keys are changed by other processes (the admin
 * API, the CLI), so nothing here is told of a revocation: it takes effect once the entry
 * expires, within `cacheTtlMs`.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const missTtlMs = options.missCacheTtlMs ?? Math.min(options.cacheTtlMs, 5000);
  const cache = new ExpiringLruCache<CachedKey>(options.maxCacheEntries ?? 10_000, now);
  const inFlight = new Map<string, Promise<CachedKey>>();

  // Concurrent requests with the same uncached key share one look-up.
  const lookup = async (keyHash: string): Promise<CachedKey> => {
    const cached = cache.get(keyHash);
    if (cached !== undefined) return cached.value;
    let pending = inFlight.get(keyHash);
    if (pending === undefined) {
      pending = options.lookupKey(keyHash).finally(() => inFlight.delete(keyHash));
      inFlight.set(keyHash, pending);
    }
    const record = await pending;
    cache.set(keyHash, record, record === undefined ? missTtlMs : options.cacheTtlMs);
    return record;
  };

  return async (req, res, next) => {
    const header = req.get('Authorization');
    const fallback = header === undefined ? options.keyFromRequest?.(req) : undefined;
    const credentials: Credentials =
      fallback === undefined
        ? readCredentials(header, options.allowBasic)
        : { kind: 'key', key: fallback };
    if (credentials.kind === 'missing') {
      throw unauthenticated('Missing API key: send Authorization: Bearer <key>');
    }
    if (credentials.kind === 'malformed' || !isWellFormedApiKey(credentials.key)) {
      throw unauthenticated('Malformed API key');
    }
    const record = await lookup(hashApiKey(credentials.key));
    if (
      record === undefined ||
      (record.revokedAt !== null && record.revokedAt.getTime() <= now())
    ) {
      throw unauthenticated('Invalid or revoked API key');
    }
    res.locals.auth = toAuthContext(record);
    next();
  };
}
