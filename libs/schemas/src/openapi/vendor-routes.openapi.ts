import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { BatchResponseSchema } from '../batch-response.schema';
import { MAX_EVENT_BYTES, MAX_REQUEST_BYTES } from '../limits';
import { BASIC_AUTH, BEARER_AUTH, problemResponses } from './openapi-common';
import type { ProblemStatus } from './openapi-common';

const VENDOR_ERRORS: ProblemStatus[] = [400, 401, 403, 413, 415, 429, 503];
const SECURITY: Record<string, string[]>[] = [{ [BEARER_AUTH]: [] }, { [BASIC_AUTH]: [] }, {}];

const VendorMessageSchema = z.looseObject({}).meta({
  id: 'VendorMessage',
  description: 'One vendor message, mapped as docs/COMPATIBILITY.md says.',
});

const SegmentBodySchema = z
  .union([
    z.looseObject({
      batch: z.array(VendorMessageSchema),
      writeKey: z.string().optional(),
      sentAt: z.string().optional(),
    }),
    VendorMessageSchema,
  ])
  .meta({ id: 'SegmentBody' });

const PosthogBodySchema = z
  .union([
    z.looseObject({
      api_key: z.string().optional(),
      batch: z.array(VendorMessageSchema),
      sent_at: z.string().optional(),
    }),
    z.array(VendorMessageSchema),
    VendorMessageSchema,
  ])
  .meta({ id: 'PosthogBody' });

const SegmentResponseSchema = BatchResponseSchema.extend({ success: z.literal(true) }).meta({
  id: 'SegmentResponse',
});
const PosthogResponseSchema = BatchResponseSchema.extend({ status: z.literal('Ok') }).meta({
  id: 'PosthogResponse',
});

const BODY_RULES = [
  'The body is read as JSON whatever its Content-Type; `Content-Encoding: gzip` or `deflate`',
  `is inflated, and a request is at most ${MAX_REQUEST_BYTES / 1024} KB and a message at most`,
  `${MAX_EVENT_BYTES / 1024} KB once inflated (413 past either). The key: Bearer, Basic with the`,
  'write key as user name, or in the body. Needs `events:write`. Answers 400 only when no',
  'message could be accepted; see docs/COMPATIBILITY.md. CORS as for /api/v1/cdp/events: a',
  "page whose `Origin` is not in the source's `allowed_origins` is answered 403.",
].join(' ');

const SEGMENT_PATHS = ['track', 'identify', 'page', 'screen', 'group', 'alias', 'batch'];
const POSTHOG_PATHS = ['/batch', '/e', '/i/v0/e', '/capture'];

/** The Segment, RudderStack and PostHog compatible routes of the ingest API (SPEC §10). */
export function registerVendorRoutes(registry: OpenAPIRegistry): void {
  for (const name of SEGMENT_PATHS) {
    registry.registerPath({
      method: 'post',
      path: `/v1/${name}`,
      tags: ['compatibility'],
      summary: `Segment / RudderStack ${name} (also /v1/${name[0]!} and with a trailing slash)`,
      description: `${BODY_RULES} The body key is \`writeKey\`.`,
      security: SECURITY,
      request: {
        body: { required: true, content: { 'application/json': { schema: SegmentBodySchema } } },
      },
      responses: {
        200: {
          description: '`{"success":true}` plus the per-message results, by position.',
          content: { 'application/json': { schema: SegmentResponseSchema } },
        },
        ...problemResponses(VENDOR_ERRORS),
      },
    });
  }
  for (const path of POSTHOG_PATHS) {
    registry.registerPath({
      method: 'post',
      path,
      tags: ['compatibility'],
      summary: `PostHog capture (also ${path}/)`,
      description: `${BODY_RULES} The body key is \`api_key\` or \`token\`, holding a Stratum write key.`,
      security: SECURITY,
      request: {
        body: { required: true, content: { 'application/json': { schema: PosthogBodySchema } } },
      },
      responses: {
        200: {
          description: '`{"status":"Ok"}` plus the per-message results, by position.',
          content: { 'application/json': { schema: PosthogResponseSchema } },
        },
        ...problemResponses(VENDOR_ERRORS),
      },
    });
  }
}
