import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ConsentHistoryResponseSchema } from '../consent.schema';
import { ProfileIdParamsSchema, SegmentIdParamsSchema } from '../ids.schema';
import { ProfileEventsPageSchema } from '../profile-event.schema';
import { ProfileEventsQuerySchema, ProfileLookupQuerySchema } from '../profile-query.schema';
import { ProfileSchema } from '../profile.schema';
import {
  SegmentChangesPageSchema,
  SegmentChangesQuerySchema,
  SegmentMembersPageSchema,
  SegmentMembersQuerySchema,
} from '../segment-membership.schema';
import { registerExportRoutes } from './exports.openapi';
import { registerStreamRoutes } from './stream.openapi';
import {
  BEARER_AUTH,
  generateDocument,
  problemResponses,
  registerHealthRoutes,
  registerSecuritySchemes,
} from './openapi-common';
import type { OpenApiDocument, ProblemStatus } from './openapi-common';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const BEARER = [{ [BEARER_AUTH]: [] }];
const ERRORS: ProblemStatus[] = [400, 401, 403, 404, 429, 503];

/** The OpenAPI 3.1 document of the read-only profile API (apps/profile-api). */
export function buildProfileApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry, false);

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/profiles',
    tags: ['profiles'],
    summary: 'Find the profile of an identifier',
    description:
      '`identifier_type` + `identifier_value` (normalized and hashed by the server), or `identifier_hash`. Needs `profiles:read`.',
    security: BEARER,
    request: { query: ProfileLookupQuerySchema },
    responses: {
      200: { description: 'The profile.', content: json(ProfileSchema) },
      ...problemResponses([...ERRORS, 409]),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/profiles/{id}',
    tags: ['profiles'],
    summary: 'Get a profile',
    description: 'A merged-away id answers with the surviving profile. Needs `profiles:read`.',
    security: BEARER,
    request: { params: ProfileIdParamsSchema },
    responses: {
      200: { description: 'The profile.', content: json(ProfileSchema) },
      ...problemResponses(ERRORS),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/profiles/{id}/events',
    tags: ['profiles'],
    summary: 'List the events of a profile, newest first',
    description: 'Cursor pagination, across merged ids. Needs `profiles:read`.',
    security: BEARER,
    request: { params: ProfileIdParamsSchema, query: ProfileEventsQuerySchema },
    responses: {
      200: { description: 'One page of events.', content: json(ProfileEventsPageSchema) },
      ...problemResponses(ERRORS),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/profiles/{id}/consents',
    tags: ['profiles'],
    summary: 'Get the consent history of a profile, newest first',
    description: 'Needs `profiles:read`.',
    security: BEARER,
    request: { params: ProfileIdParamsSchema },
    responses: {
      200: { description: 'The history.', content: json(ConsentHistoryResponseSchema) },
      ...problemResponses(ERRORS),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/segments/{id}/members',
    tags: ['segments'],
    summary: 'List the current members of a segment, by profile id',
    description:
      'Cursor pagination. A deleted segment answers 404, like an unknown one. Needs `segments:read`.',
    security: BEARER,
    request: { params: SegmentIdParamsSchema, query: SegmentMembersQuerySchema },
    responses: {
      200: { description: 'One page of members.', content: json(SegmentMembersPageSchema) },
      ...problemResponses(ERRORS),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/segments/{id}/changes',
    tags: ['segments'],
    summary: 'Read the log of entries into and exits from a segment',
    description:
      'In the order the changes were recorded; resume with `next_cursor`. A deleted segment answers 404, like an unknown one. Needs `segments:read`.',
    security: BEARER,
    request: { params: SegmentIdParamsSchema, query: SegmentChangesQuerySchema },
    responses: {
      200: { description: 'One page of changes.', content: json(SegmentChangesPageSchema) },
      ...problemResponses(ERRORS),
    },
  });

  registerExportRoutes(registry);
  registerStreamRoutes(registry);
  registerHealthRoutes(registry);

  return generateDocument(
    registry,
    {
      title: 'Stratum CDP profile API',
      description:
        'Read-only look-ups of unified customer profiles and segment membership, streamed exports and the live stream. Errors are RFC 9457 problem details; every answer carries `X-Request-Id`.',
    },
    'http://localhost:3002',
    BEARER,
  );
}
