import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { SourceIdParamsSchema } from '../ids.schema';
import {
  AnomaliesQuerySchema,
  SourceQualityQuerySchema,
  SourceQualitySchema,
  VolumeAnomalyListSchema,
} from '../source-quality.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';

/** GET /sources/{id}/quality and GET /anomalies (SPEC §14, §17), served by the admin API. */
export function registerQualityRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/sources/{id}/quality',
    tags: ['quality'],
    summary: "Read a source's match quality and hourly volumes",
    description: [
      'The match quality of the source over the last `days` (30 by default), from the samples',
      'the worker summarises every hour, with the per-key shares, the advice, and each hour',
      '(accepted, rejected, suppressed, score). Needs `sources:read`.',
    ].join(' '),
    security: [{ [BEARER_AUTH]: [] }],
    request: { params: SourceIdParamsSchema, query: SourceQualityQuerySchema },
    responses: {
      200: {
        description: 'The source’s quality.',
        content: { 'application/json': { schema: SourceQualitySchema } },
      },
      ...problemResponses([400, 401, 403, 404, 429, 503]),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/anomalies',
    tags: ['quality'],
    summary: 'List volume anomalies',
    description: [
      'Hours of the tenant’s sources flagged as a spike, drop or silence against the same',
      'hour of earlier weeks, newest first; filter by `source_id` and `since`, page with',
      '`next_cursor`. Needs `sources:read`.',
    ].join(' '),
    security: [{ [BEARER_AUTH]: [] }],
    request: { query: AnomaliesQuerySchema },
    responses: {
      200: {
        description: 'One page of anomalies.',
        content: { 'application/json': { schema: VolumeAnomalyListSchema } },
      },
      ...problemResponses([400, 401, 403, 429, 503]),
    },
  });
}
