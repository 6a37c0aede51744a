import {
  BaseApiConfigSchema,
  envBoolean,
  envInt,
  metricsPortApart,
  metricsPortField,
} from '@stratum/http';
import type { z } from 'zod';

/** Environment of the ingest API: the shared variables plus its ports. */
export const IngestConfigSchema = BaseApiConfigSchema.extend({
  PORT: envInt(1, 65_535).default(3001).describe('Port the ingest API listens on.'),
  METRICS_PORT: metricsPortField(3101, 'ingest API'),
  VENDOR_ROUTES_ASYNC: envBoolean()
    .default(true)
    .describe(
      'The Segment, RudderStack and PostHog routes answer 202 once the events are in the inbox (false: 200 once stored).',
    ),
  INGEST_LANES: envInt(1, 256)
    .default(1)
    .describe(
      "Lanes of each tenant's synchronous requests, by customer: each lane runs up to two transactions at once and its waiting requests share the next one (1: a tenant is one lane).",
    ),
}).superRefine(metricsPortApart);

export type IngestConfig = z.infer<typeof IngestConfigSchema>;
