import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  DeliveriesQuerySchema,
  DeliveryPageSchema,
  DeliveryParamsSchema,
  DeliverySchema,
  ReplayDeadResultSchema,
} from '../delivery.schema';
import {
  DestinationCreateSchema,
  DestinationCreatedSchema,
  DestinationIdParamsSchema,
  DestinationListSchema,
  DestinationPatchSchema,
  DestinationSchema,
} from '../destination.schema';
import { WEBHOOK_TYPES, WebhookPayloadSchema } from '../webhook-payload.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';
import type { ProblemStatus } from './openapi-common';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const BEARER = [{ [BEARER_AUTH]: [] }];
const TAGS = ['destinations'];
const SCOPE = 'Needs `destinations:write` (reads too: the log shows where data goes).';
const BODY_ERRORS: ProblemStatus[] = [400, 401, 403, 413, 415, 429, 503];
const ID_ERRORS: ProblemStatus[] = [400, 401, 403, 404, 429, 503];
const QUEUE_ERRORS: ProblemStatus[] = [...ID_ERRORS, 409];
const SSRF =
  'A URL on a private, loopback or link-local address (or naming a local host) is a 400 naming `url` unless the operator sets DESTINATIONS_ALLOW_PRIVATE=true; deliveries check the resolved address again.';
const QUEUED =
  'Queued in the same transaction as the delivery row; the worker sends it (503 until the worker has started once and installed its job queue; 409 when the destination is disabled).';

/** The destination routes of SPEC §17 (apps/admin-api) and the payloads they deliver. */
export function registerDestinationRoutes(registry: OpenAPIRegistry): void {
  const path = (
    method: 'get' | 'post' | 'patch' | 'delete',
    route: string,
    config: Omit<
      Parameters<OpenAPIRegistry['registerPath']>[0],
      'method' | 'path' | 'tags' | 'security'
    >,
  ) =>
    registry.registerPath({
      method,
      path: `/api/v1/cdp/destinations${route}`,
      tags: TAGS,
      security: BEARER,
      ...config,
    });

  path('post', '', {
    summary: 'Create a webhook destination',
    description: `Answers with the signing secret, shown this once. ${SSRF} Listed segments must be live segments of the tenant (400 naming \`segments.N\`). ${SCOPE}`,
    request: { body: { required: true, content: json(DestinationCreateSchema) } },
    responses: {
      201: { description: 'Created.', content: json(DestinationCreatedSchema) },
      ...problemResponses(BODY_ERRORS),
    },
  });
  path('get', '', {
    summary: 'List the live destinations of the tenant',
    description: `Oldest first, without secrets. ${SCOPE}`,
    responses: {
      200: { description: 'Every live destination.', content: json(DestinationListSchema) },
      ...problemResponses([401, 403, 429, 503]),
    },
  });
  path('get', '/{id}', {
    summary: 'Get a destination',
    description: `An unknown, deleted or other tenant's destination is a 404. ${SCOPE}`,
    request: { params: DestinationIdParamsSchema },
    responses: {
      200: { description: 'The destination.', content: json(DestinationSchema) },
      ...problemResponses(ID_ERRORS),
    },
  });
  path('patch', '/{id}', {
    summary: 'Change a destination',
    description: `Only the fields given change; \`null\` turns a filter off; \`enabled: true\` re-enables one the platform disabled (a 410) and clears \`disabled_reason\`. ${SSRF} ${SCOPE}`,
    request: {
      params: DestinationIdParamsSchema,
      body: { required: true, content: json(DestinationPatchSchema) },
    },
    responses: {
      200: { description: 'The destination as changed.', content: json(DestinationSchema) },
      ...problemResponses([...BODY_ERRORS, 404]),
    },
  });
  path('delete', '/{id}', {
    summary: 'Delete a destination',
    description: `Nothing more is sent to it; deliveries still queued are dropped when their turn comes. ${SCOPE}`,
    request: { params: DestinationIdParamsSchema },
    responses: { 204: { description: 'Deleted.' }, ...problemResponses(ID_ERRORS) },
  });
  path('post', '/{id}/test', {
    summary: 'Send a test delivery',
    description: `Queues a \`destination.test\` delivery, signed and retried like any other. ${QUEUED} ${SCOPE}`,
    request: { params: DestinationIdParamsSchema },
    responses: {
      202: { description: 'Queued.', content: json(DeliverySchema) },
      ...problemResponses(QUEUE_ERRORS),
    },
  });
  path('get', '/{id}/deliveries', {
    summary: "Read a destination's delivery log",
    description: `Newest first, with each delivery's attempts, last status, last error and latency (never its body). ${SCOPE}`,
    request: { params: DestinationIdParamsSchema, query: DeliveriesQuerySchema },
    responses: {
      200: { description: 'One page of the log.', content: json(DeliveryPageSchema) },
      ...problemResponses(ID_ERRORS),
    },
  });
  path('post', '/{id}/deliveries/{delivery_id}/replay', {
    summary: 'Replay one delivery',
    description: `Sends the same body under the same \`webhook-id\` again, whatever its state, with a fresh retry schedule. ${QUEUED} ${SCOPE}`,
    request: { params: DeliveryParamsSchema },
    responses: {
      202: { description: 'Queued again.', content: json(DeliverySchema) },
      ...problemResponses(QUEUE_ERRORS),
    },
  });
  path('post', '/{id}/replay-dead', {
    summary: 'Replay every dead delivery of a destination',
    description: `Each is sent again with a fresh retry schedule. ${QUEUED} ${SCOPE}`,
    request: { params: DestinationIdParamsSchema },
    responses: {
      202: { description: 'How many were queued.', content: json(ReplayDeadResultSchema) },
      ...problemResponses(QUEUE_ERRORS),
    },
  });

  registry.registerWebhook({
    method: 'post',
    path: 'destination',
    tags: TAGS,
    summary: 'What a destination receives',
    description: `A Standard Webhooks delivery: \`webhook-id\` (the same on every retry), \`webhook-timestamp\` and \`webhook-signature\` (\`v1,\` + base64 HMAC-SHA256 of \`id.timestamp.body\` under the secret). Types: ${WEBHOOK_TYPES.join(', ')}. Answer 2xx to acknowledge, 410 to disable the destination; anything else is retried. See docs/DESTINATIONS.md.`,
    request: { body: { required: true, content: json(WebhookPayloadSchema) } },
    responses: { 200: { description: 'Acknowledged (any 2xx).' } },
  });
}
