import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  PrivacyRequestAcceptedSchema,
  PrivacyRequestIdParamsSchema,
  PrivacyRequestInputSchema,
  PrivacyRequestSchema,
} from '../privacy-request.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const BEARER = [{ [BEARER_AUTH]: [] }];
const TAGS = ['privacy'];
const SCOPE = 'Needs `privacy:write` (reads too: a request names the hashes asked about).';

/** The privacy request routes of SPEC §13 and §17 (apps/admin-api). */
export function registerPrivacyRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/privacy-requests',
    tags: TAGS,
    security: BEARER,
    summary: 'Submit a privacy request',
    description: [
      'Identifiers are normalized and hashed on arrival exactly as ingestion does (a phone number needs its country code), and only their hashes are kept: the request is its own audit record.',
      '`suppress` and `unsuppress` take effect before the answer (status `done`): from then on, events carrying a suppressed identifier are answered `suppressed` and not stored.',
      '`erase` and `access` are queued for the worker (status `pending`; 503 until the worker has started once and installed its job queue); follow them at the `Location`.',
      'Identifiers no profile holds are not an error: the request completes with `profiles_affected: 0`.',
      SCOPE,
    ].join(' '),
    request: { body: { required: true, content: json(PrivacyRequestInputSchema) } },
    responses: {
      202: {
        description: 'Recorded (and, for suppress and unsuppress, done).',
        headers: {
          Location: { description: 'The request', schema: { type: 'string' } },
        },
        content: json(PrivacyRequestAcceptedSchema),
      },
      ...problemResponses([400, 401, 403, 413, 415, 429, 503]),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/privacy-requests/{id}',
    tags: TAGS,
    security: BEARER,
    summary: 'Get a privacy request',
    description: `Its status, the profiles it reached, what it did (\`counts\`) and, while it runs, its progress. Another tenant's request is a 404. ${SCOPE}`,
    request: { params: PrivacyRequestIdParamsSchema },
    responses: {
      200: { description: 'The request.', content: json(PrivacyRequestSchema) },
      ...problemResponses([400, 401, 403, 404, 429, 503]),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/privacy-requests/{id}/result',
    tags: TAGS,
    security: BEARER,
    summary: "Read an access request's document",
    description: `The JSON document of a done access request, streamed as an attachment: \`{request_id, generated_at, identifiers, profiles: [...], events: [...]}\`, each profile with its identifiers (hashes), traits, consent history, segments and merges, every event of those profiles as stored. 409 until the request is done; 410 once retention has deleted the document (\`PRIVACY_ACCESS_RESULT_DAYS\`, 30 by default, after the request finished; the request keeps \`result_expired_at\`); 404 for any other type of request, an unknown one, or a document an erasure has deleted since. ${SCOPE}`,
    request: { params: PrivacyRequestIdParamsSchema },
    responses: {
      200: {
        description: 'The document.',
        content: {
          'application/json': {
            schema: { type: 'object', additionalProperties: true },
          },
        },
      },
      ...problemResponses([400, 401, 403, 404, 409, 410, 429, 503]),
    },
  });
}
