import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { StreamMessageSchema, StreamQuerySchema } from '../stream.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';

const BEARER = [{ [BEARER_AUTH]: [] }];
const TAGS = ['stream'];

const FEED =
  'One feed of profile updates, merges, segment entries and exits and stored events, as they ' +
  'are committed, each message `{id, type, at, profile_id, data}` with the `data` of the ' +
  'webhook payload of that type (hashes, never raw identifiers). Needs `profiles:read`; ' +
  'segment messages and `segment` need `segments:read` too (without it they are left out). ' +
  'A reader still holding more than `STREAM_BUFFER_BYTES` unsent when more comes is closed ' +
  'as a slow reader, told the id to resume after; so is every reader when the server drains.';

/** The live stream, SPEC §12 and §17 (apps/profile-api). */
export function registerStreamRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/stream',
    tags: TAGS,
    summary: 'The live stream as server-sent events',
    description: `${FEED} Each message is an SSE event: \`id\` (the message's id), \`event\` (its type), \`data\` (the message). Resume with the \`Last-Event-ID\` header (EventSource sends it when it reconnects) or \`after\`. The server ends a stream with \`event: close\`, data \`{reason, resume_after}\`; a comment line every 15 s keeps proxies from closing an idle stream.`,
    security: BEARER,
    request: {
      query: StreamQuerySchema,
      headers: z.object({
        'Last-Event-ID': z
          .string()
          .optional()
          .meta({ description: 'The id of the last message received; wins over `after`.' }),
      }),
    },
    responses: {
      200: {
        description: 'The stream, open until the reader or the server closes it.',
        content: {
          'text/event-stream': {
            schema: z.string().meta({
              description: 'SSE events, each `data` a StreamMessage.',
              example:
                'id: 748213:90211:0\nevent: segment.entered\ndata: {"id":"748213:90211:0","type":"segment.entered",…}\n\n',
            }),
          },
        },
      },
      ...problemResponses([400, 401, 403, 404, 429, 503]),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/stream/ws',
    tags: TAGS,
    summary: 'The live stream over a WebSocket',
    description: `${FEED} Each message is one text frame of JSON. Resume with \`after\`. Close codes: 1001 the server is draining, 1013 slow reader, 1011 a read failed; the close reason ends with \`resume with after=<id>\`. Bad parameters, keys and scopes are answered before the handshake, as problem details.`,
    security: BEARER,
    request: { query: StreamQuerySchema },
    responses: {
      101: {
        description: 'Switching protocols: the stream, one message a text frame.',
        content: { 'application/json': { schema: StreamMessageSchema } },
      },
      ...problemResponses([400, 401, 403, 404, 426, 429, 503]),
    },
  });
}
