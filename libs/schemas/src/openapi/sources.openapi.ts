import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { SourceIdParamsSchema } from '../ids.schema';
import {
  RotateKeyResponseSchema,
  SourceCreatedSchema,
  SourceCreateSchema,
  SourceListSchema,
  SourcePatchSchema,
  SourceSchema,
} from '../source.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';
import type { ProblemStatus } from './openapi-common';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const BEARER = [{ [BEARER_AUTH]: [] }];
const TAGS = ['sources'];
const BODY_ERRORS: ProblemStatus[] = [400, 401, 403, 413, 415, 429, 503];
// The ingest API caches keys with their source's settings, in another process.
const INGEST_DELAY =
  'The ingest API applies it within its key cache TTL (`KEY_CACHE_TTL_MS`, 30 s by default).';

/** The sources and write keys routes of SPEC §4 (apps/admin-api). */
export function registerSourceRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/sources',
    tags: TAGS,
    summary: 'List the sources of the tenant',
    description: 'Needs `sources:read`.',
    security: BEARER,
    responses: {
      200: { description: 'Every source of the tenant.', content: json(SourceListSchema) },
      ...problemResponses([401, 403, 429, 503]),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/sources',
    tags: TAGS,
    summary: 'Create a source and its write key',
    description: 'The write key is in this answer only. Needs `sources:write`.',
    security: BEARER,
    request: { body: { required: true, content: json(SourceCreateSchema) } },
    responses: {
      201: { description: 'Created.', content: json(SourceCreatedSchema) },
      ...problemResponses([...BODY_ERRORS, 409]),
    },
  });

  registry.registerPath({
    method: 'patch',
    path: '/api/v1/cdp/sources/{id}',
    tags: TAGS,
    summary: 'Change the name, state, default country, rate limit or allowed origins of a source',
    description: `${INGEST_DELAY} Needs \`sources:write\`.`,
    security: BEARER,
    request: {
      params: SourceIdParamsSchema,
      body: { required: true, content: json(SourcePatchSchema) },
    },
    responses: {
      200: { description: 'The source as changed.', content: json(SourceSchema) },
      ...problemResponses([...BODY_ERRORS, 404, 409]),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/sources/{id}/rotate-key',
    tags: TAGS,
    summary: 'Replace the write key of a source',
    description: `The old key is revoked and the new one is in this answer only. ${INGEST_DELAY} Needs \`sources:write\`.`,
    security: BEARER,
    request: { params: SourceIdParamsSchema },
    responses: {
      200: { description: 'The new write key.', content: json(RotateKeyResponseSchema) },
      ...problemResponses([400, 401, 403, 404, 429, 503]),
    },
  });
}
