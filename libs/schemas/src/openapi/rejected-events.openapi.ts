import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { RejectedEventListSchema, RejectedEventsQuerySchema } from '../rejected-event.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';

/** GET /api/v1/cdp/rejected-events (SPEC §14, §17), served by the admin API. */
export function registerRejectedEventsRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/rejected-events',
    tags: ['rejected-events'],
    summary: 'Read the rejected-events log',
    description: [
      'Every event the ingest routes rejected in the last 7 days (POST /events and the',
      'Segment, RudderStack and PostHog routes, whether or not the request was accepted),',
      'newest first: reason, errors, source, event id and the payload with identifiers',
      'hashed. Filter by `source_id` and `reason`; page with `next_cursor`. Needs `sources:read`.',
    ].join(' '),
    security: [{ [BEARER_AUTH]: [] }],
    request: { query: RejectedEventsQuerySchema },
    responses: {
      200: {
        description: 'One page of the log.',
        content: { 'application/json': { schema: RejectedEventListSchema } },
      },
      ...problemResponses([400, 401, 403, 429, 503]),
    },
  });
}
