import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { BatchResponseSchema, QueuedBatchResponseSchema } from '../batch-response.schema';
import { EventsRequestSchema } from '../batch.schema';
import {
  ConsentRequestSchema,
  ConsentResponseSchema,
  ConsentSuppressedResponseSchema,
} from '../consent.schema';
import { MAX_EVENT_BYTES, MAX_EVENTS_PER_BATCH, MAX_REQUEST_BYTES } from '../limits';
import {
  BASIC_AUTH,
  BEARER_AUTH,
  generateDocument,
  problemResponses,
  registerHealthRoutes,
  registerSecuritySchemes,
} from './openapi-common';
import type { OpenApiDocument, ProblemStatus } from './openapi-common';
import { registerVendorRoutes } from './vendor-routes.openapi';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const BEARER = [{ [BEARER_AUTH]: [] }];
const WRITE_ERRORS: ProblemStatus[] = [400, 401, 403, 413, 415, 429, 503];

const EVENTS_DESCRIPTION = [
  `One event, or \`{ "events": [ … ] }\` with 1 to ${MAX_EVENTS_PER_BATCH} events.`,
  `An event is at most ${MAX_EVENT_BYTES / 1024} KB of JSON, a request at most ${MAX_REQUEST_BYTES / 1024} KB.`,
  'Each event is validated on its own: a bad one is rejected in `results`, the others are',
  'stored. The accepted events are committed in one transaction before the answer.',
  'With `Prefer: respond-async` the valid events are instead appended to the inbox and the',
  'answer is `202`: the worker resolves them behind (dedupe, suppression, profiles), and',
  'events it cannot store then go to the rejected-events log.',
  'Needs the `events:write` scope. Browsers may call it (CORS: preflight answered for any',
  "origin); a page whose `Origin` is not in the source's `allowed_origins` is answered 403.",
].join(' ');

/** The OpenAPI 3.1 document of the ingestion API (apps/ingest-api), built from the schemas. */
export function buildIngestApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry, true);

  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/events',
    tags: ['events'],
    summary: 'Send one event or a batch',
    description: EVENTS_DESCRIPTION,
    security: [{ [BEARER_AUTH]: [] }, { [BASIC_AUTH]: [] }],
    request: {
      headers: z.object({
        prefer: z.string().optional().meta({
          description: '`respond-async`: queue the valid events and answer 202 (RFC 7240).',
          example: 'respond-async',
        }),
      }),
      body: { required: true, content: json(EventsRequestSchema) },
    },
    responses: {
      200: {
        description: 'At least one event was accepted or a duplicate; per-event results.',
        content: json(BatchResponseSchema),
      },
      202: {
        description:
          'With `Prefer: respond-async`: the valid events are durably queued (`Preference-Applied: respond-async`).',
        content: json(QueuedBatchResponseSchema),
      },
      ...problemResponses(WRITE_ERRORS),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/consents',
    tags: ['consents'],
    summary: 'Record consent changes for the profile of some identifiers',
    description:
      'Append-only: the current state per purpose is the latest by timestamp. Needs `consents:write`. When one of the identifiers is under a privacy suppression, nothing is stored (no profile, no identifier link, no consent) and the answer is `200` with `status: "suppressed"`.',
    security: BEARER,
    request: { body: { required: true, content: json(ConsentRequestSchema) } },
    responses: {
      201: {
        description: 'Recorded: the current consent state of the profile.',
        content: json(ConsentResponseSchema),
      },
      200: {
        description:
          'Not recorded: an identifier is suppressed by a privacy request. Nothing to retry.',
        content: json(ConsentSuppressedResponseSchema),
      },
      ...problemResponses(WRITE_ERRORS),
    },
  });

  registerVendorRoutes(registry);
  registerHealthRoutes(registry);

  return generateDocument(
    registry,
    {
      title: 'Stratum CDP ingestion API',
      description:
        'Event ingestion and consents (sources and keys are managed through the admin API). Errors are RFC 9457 problem details; every answer carries `X-Request-Id`.',
    },
    'http://localhost:3001',
    BEARER,
  );
}
