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
}).superRefine(metricsPortApart);

export type ProfileConfig = z.infer<typeof ProfileConfigSchema>;
