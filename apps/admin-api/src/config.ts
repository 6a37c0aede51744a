import {
  BaseApiConfigSchema,
  envBoolean,
  envInt,
  metricsPortApart,
  metricsPortField,
} from '@stratum/http';
import type { z } from 'zod';

/**
 * Environment of the admin API: the shared variables plus its ports. It is internal only:
 * serve it on a network the public cannot reach.
 */
export const AdminConfigSchema = BaseApiConfigSchema.extend({
  PORT: envInt(1, 65_535).default(3004).describe('Port the admin API listens on.'),
  METRICS_PORT: metricsPortField(3104, 'admin API'),
  DESTINATIONS_ALLOW_PRIVATE: envBoolean()
    .default(false)
    .describe('Accept destination URLs on private, loopback and link-local addresses.'),
}).superRefine(metricsPortApart);

export type AdminConfig = z.infer<typeof AdminConfigSchema>;
