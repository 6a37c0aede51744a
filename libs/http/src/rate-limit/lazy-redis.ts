import type { RedisReply } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';

/** A Redis connection made on first use, whose commands fail fast while Redis is away. */
export interface LazyRedis {
  /** `rate-limit-redis`'s `sendCommand`; rejects at once when Redis is not connected. */
  sendCommand: (...args: string[]) => Promise<RedisReply>;
  close: () => Promise<void>;
}

/** Options of {@link connectRedisLazily}. */
export interface LazyRedisOptions {
  url: string;
  logger: Logger;
  /** Connect and per-command timeout (ms): a slow Redis must not slow the API. */
  timeoutMs?: number;
}

/**
 * A Redis client (node-redis v5) that connects on its first command. Commands never queue
 * while Redis is unreachable (they reject, so callers can fail open), reconnection goes on
 * in the background, and an outage is logged once when it starts and once when it ends.
 */
export function connectRedisLazily(options: LazyRedisOptions): LazyRedis {
  const timeoutMs = options.timeoutMs ?? 500;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000),
    },
  });
  let healthy = true;
  client.on('error', (error: unknown) => {
    if (!healthy) return;
    healthy = false;
    options.logger.warn('redis unavailable: rate limits fail open', errorFields(error));
  });
  client.on('ready', () => {
    if (!healthy) options.logger.info('redis connection restored');
    healthy = true;
  });

  let firstAttempt: Promise<void> | undefined;
  const connect = (): Promise<void> => {
    firstAttempt ??= new Promise<void>((resolve) => {
      client.once('ready', resolve);
      client.once('error', () => resolve());
      // Failures surface as 'error' events; the client keeps reconnecting by itself.
      client.connect().catch(() => undefined);
    });
    return firstAttempt;
  };

  return {
    sendCommand: async (...args) => {
      await connect();
      if (!client.isReady) throw new Error('redis is not connected');
      return client.sendCommand<RedisReply>(args, { timeout: timeoutMs });
    },
    close: async () => {
      if (!client.isOpen) return;
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}
