import { z } from 'zod';
import { LOG_LEVELS } from '../logging/logger';
import { envBoolean, envInt, envUrl } from './env-fields';

/**
 * The variables every API reads. Each app extends it with its own (`PORT`, `METRICS_PORT`, …):
 * `BaseApiConfigSchema.extend({ PORT: envInt(1, 65535).default(3001) })`.
 * Every field has a description and, where optional, a default, so docs can list them
 * (see `describeConfig`).
 */
export const BaseApiConfigSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('Runtime environment.'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('Lowest log level written to stdout.'),
  HOST: z
    .string()
    .min(1)
    .default('0.0.0.0')
    .describe('Interface the API and metrics listeners listen on.'),
  DATABASE_URL: envUrl(['postgres', 'postgresql']).describe(
    'PostgreSQL connection URL (postgres://user:password@host:5432/db). Required.',
  ),
  DB_POOL_MAX: envInt(1, 1000).default(10).describe('Maximum connections in the pool.'),
  DB_CONNECTION_TIMEOUT_MS: envInt(100, 60_000)
    .default(2000)
    .describe('How long to wait for a pool connection before answering 503.'),
  DB_STATEMENT_TIMEOUT_MS: envInt(100, 600_000)
    .default(15_000)
    .describe('PostgreSQL statement_timeout for API queries.'),
  REDIS_URL: envUrl(['redis', 'rediss'])
    .optional()
    .describe('Redis URL for the shared rate-limit store; in-process counters when unset.'),
  RATE_LIMIT_PER_MINUTE: envInt(1, 1_000_000)
    .default(100)
    .describe('Requests a minute per API key, unless the key’s source overrides it.'),
  KEY_CACHE_TTL_MS: envInt(0, 3_600_000)
    .default(30_000)
    .describe('How long a looked-up API key is cached in process (revocation delay).'),
  TRUST_PROXY: envBoolean()
    .default(false)
    .describe('Trust X-Forwarded-For from one reverse proxy hop (for client IPs).'),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,}$/, {
      error: 'must be at least 16 characters, printable ASCII without spaces',
    })
    .optional()
    .describe('When set, GET /metrics needs it as a bearer token (Authorization: Bearer …).'),
  SHUTDOWN_TIMEOUT_MS: envInt(0, 600_000)
    .default(10_000)
    .describe('How long SIGTERM waits for in-flight requests before exiting 1.'),
});

/** The parsed shared configuration. */
export type BaseApiConfig = z.infer<typeof BaseApiConfigSchema>;
