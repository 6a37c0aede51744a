import {
  BaseApiConfigSchema,
  envBoolean,
  envInt,
  metricsPortApart,
  metricsPortField,
} from '@stratum/http';
import type { z } from 'zod';

/**
 * Environment of the profile API: the shared variables plus its ports. Its `DATABASE_URL` is
 * its own, so production can point it at a replica or a role that may only read.
 */
export const ProfileConfigSchema = BaseApiConfigSchema.extend({
  PORT: envInt(1, 65_535).default(3002).describe('Port the profile API listens on.'),
  METRICS_PORT: metricsPortField(3102, 'profile API'),
  DB_PREPARED_STATEMENTS: envBoolean()
    .default(true)
    .describe(
      'Look-ups as prepared statements; false behind PgBouncer < 1.21 in transaction mode.',
    ),
  STREAM_MAX_READERS: envInt(1, 100_000)
    .default(200)
    .describe('Live stream readers (SSE and WebSocket) one process serves at once.'),
  STREAM_BUFFER_BYTES: envInt(65_536, 1_073_741_824)
    .default(1_048_576)
    .describe('Bytes queued for one stream reader before it is closed as too slow.'),
  STREAM_POLL_MS: envInt(10, 60_000)
    .default(250)
    .describe('How often the live stream reads the change feed while readers are connected.'),
  PROFILE_CACHE_BYTES: envInt(0, 17_179_869_184)
    .default(67_108_864)
    .describe(
      'Memory for cached profile look-up answers, in bytes, roughly; 0 turns the cache off.',
    ),
  PROFILE_CACHE_MAX_LAG_MS: envInt(10, 600_000)
    .default(1_000)
    .describe(
      'Look-ups are answered from the cache only while every change committed longer ago than this has been applied to it; otherwise from the database.',
    ),
  PROFILE_CACHE_POLL_MS: envInt(10, 60_000)
    .default(50)
    .describe('How often the profile cache reads the change feed once it has caught up.'),
}).superRefine(metricsPortApart);

export type ProfileConfig = z.infer<typeof ProfileConfigSchema>;
