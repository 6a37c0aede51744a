import type { RequestHandler } from 'express';
import type { Logger as RateLimitLogger, Store } from 'express-rate-limit';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { getAuth } from '../auth/auth-context';
import { AppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import type { LazyRedis } from './lazy-redis';
import { connectRedisLazily } from './lazy-redis';

const WINDOW_MS = 60_000;

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests a minute per API key unless the key's source sets its own. */
  defaultLimitPerMinute: number;
  /** Requests a minute per client IP before authentication. Default 10 × the key limit. */
  ipLimitPerMinute?: number;
  /** Shared counters in Redis (limits hold across instances); in-process when absent. */
  redisUrl?: string;
  /** Prefix of the Redis keys, e.g. `'cdp:ingest'` (keys are `<prefix>:key:<key id>`). */
  prefix: string;
  logger: Logger;
  /** Called for each request answered 429 (e.g. to count it in metrics). */
  onLimited?: (limiter: 'key' | 'ip') => void;
}

/** The middleware pair of {@link createRateLimiter} and what it holds open. */
export interface RateLimiter {
  /** After `authenticate()`: counts per API key, limit from the key's source or default. */
  byKey: RequestHandler;
  /** Before authentication: counts per client IP (IPv6 per /56). */
  byIp: RequestHandler;
  /** Stops timers and closes the Redis connection. */
  close: () => Promise<void>;
}

// express-rate-limit logs every store failure; during an outage that is every request.
function throttledLogger(logger: Logger): RateLimitLogger {
  const lastLogged = new Map<string, number>();
  const log = (level: 'warn' | 'error', error: unknown, message = 'rate limiter') => {
    const now = Date.now();
    const last = lastLogged.get(message);
    if (last !== undefined && now - last < WINDOW_MS) return;
    lastLogged.set(message, now);
    logger.log(level, message, errorFields(error));
  };
  return {
    error: (error, message) =>
      log(message?.includes('error from store') ? 'warn' : 'error', error, message),
    warn: (error, message) => log('warn', error, message),
  };
}

function redisStore(redis: LazyRedis, prefix: string): Store {
  const store = new RedisStore({ prefix, sendCommand: redis.sendCommand });
  // The store loads its scripts at once and retries on use; a Redis that is down at
  // start-up must not become an unhandled rejection.
  store.incrementScriptSha.catch(() => undefined);
  store.getScriptSha.catch(() => undefined);
  return store;
}

/**
 * Rate limiting over a 60 s window with express-rate-limit: `RateLimit` and
 * `RateLimit-Policy` headers (draft 8) on every answer, and on the 429 a `Retry-After`
 * header and a RATE_LIMITED problem. With `redisUrl` the counters live in Redis; when
 * Redis cannot be reached requests are let through (fail open) with a warning log.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const redis =
    options.redisUrl === undefined
      ? undefined
      : connectRedisLazily({ url: options.redisUrl, logger: options.logger });
  const prefix = options.prefix.endsWith(':') ? options.prefix : `${options.prefix}:`;
  const newStore = (scope: string): Store =>
    redis === undefined ? new MemoryStore() : redisStore(redis, `${prefix}${scope}:`);
  const keyStore = newStore('key');
  const ipStore = newStore('ip');
  const logger = throttledLogger(options.logger);

  const common = (kind: 'key' | 'ip') =>
    ({
      windowMs: WINDOW_MS,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      passOnStoreError: true,
      logger,
      identifier: `per-${kind}`,
      handler: (_req, res, next) => {
        options.onLimited?.(kind);
        const header = Number(res.getHeader('Retry-After'));
        const retryAfter = Number.isFinite(header) ? header : WINDOW_MS / 1000;
        next(
          new AppError('RATE_LIMITED', {
            detail: `Rate limit exceeded; retry after ${retryAfter} seconds`,
            retryAfterSeconds: retryAfter,
          }),
        );
      },
    }) satisfies Parameters<typeof rateLimit>[0];

  const byKey = rateLimit({
    ...common('key'),
    store: keyStore,
    keyGenerator: (_req, res) => getAuth(res).keyId,
    limit: (_req, res) =>
      res.locals.auth?.source?.rateLimitPerMinute ?? options.defaultLimitPerMinute,
  });
  const byIp = rateLimit({
    ...common('ip'),
    store: ipStore,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    limit: options.ipLimitPerMinute ?? options.defaultLimitPerMinute * 10,
  });

  return {
    byKey,
    byIp,
    close: async () => {
      await Promise.all([keyStore.shutdown?.(), ipStore.shutdown?.()]);
      await redis?.close();
    },
  };
}
