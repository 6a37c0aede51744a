import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { SegmentIdParamsSchema } from '../ids.schema';
import {
  SegmentInputSchema,
  SegmentPreviewRequestSchema,
  SegmentUpdateSchema,
} from '../segment-input.schema';
import { SEGMENT_LIMITS } from '../segment-limits';
import {
  SEGMENT_PREVIEW_SAMPLE_SIZE,
  SegmentDetailSchema,
  SegmentListSchema,
  SegmentPreviewResultSchema,
  SegmentSchema,
} from '../segment.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';
import type { ProblemStatus } from './openapi-common';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const BEARER = [{ [BEARER_AUTH]: [] }];
const TAGS = ['segments'];
const BODY_ERRORS: ProblemStatus[] = [400, 401, 403, 413, 415, 429, 503];
const ID_ERRORS: ProblemStatus[] = [400, 401, 403, 404, 429, 503];

const DEFINITION_RULES = [
  'A definition is checked whole before anything is written: a malformed one, one nesting',
  `groups more than ${SEGMENT_LIMITS.maxDepth} deep or holding more than`,
  `${SEGMENT_LIMITS.maxConditions} conditions, an unknown operator or a value of the wrong`,
  'type is a 400 whose `errors[].path` names the field (`definition.all.0.op`).',
].join(' ');

/** The segment management routes of SPEC §17 (apps/admin-api). */
export function registerSegmentRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/segments',
    tags: TAGS,
    summary: 'Create a segment',
    description: `Stored at version 1 with its members computed in the same transaction. ${DEFINITION_RULES} Needs \`segments:write\`.`,
    security: BEARER,
    request: { body: { required: true, content: json(SegmentInputSchema) } },
    responses: {
      201: { description: 'Created, members computed.', content: json(SegmentSchema) },
      ...problemResponses(BODY_ERRORS),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/segments',
    tags: TAGS,
    summary: 'List the live segments of the tenant',
    description:
      'Oldest first, without member counts (GET one segment for its count). Needs `segments:read`.',
    security: BEARER,
    responses: {
      200: { description: 'Every live segment.', content: json(SegmentListSchema) },
      ...problemResponses([401, 403, 429, 503]),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/segments/preview',
    tags: TAGS,
    summary: 'Count and sample the profiles an unsaved definition matches',
    description: `Evaluated now over the tenant's profiles; nothing is stored. ${DEFINITION_RULES} Needs \`segments:read\`.`,
    security: BEARER,
    request: { body: { required: true, content: json(SegmentPreviewRequestSchema) } },
    responses: {
      200: {
        description: `The count and up to ${SEGMENT_PREVIEW_SAMPLE_SIZE} member ids.`,
        content: json(SegmentPreviewResultSchema),
      },
      ...problemResponses(BODY_ERRORS),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/segments/{id}',
    tags: TAGS,
    summary: 'Get a segment with its member count',
    description: "An unknown, deleted or other tenant's segment is a 404. Needs `segments:read`.",
    security: BEARER,
    request: { params: SegmentIdParamsSchema },
    responses: {
      200: {
        description: 'The segment at its current version.',
        content: json(SegmentDetailSchema),
      },
      ...problemResponses(ID_ERRORS),
    },
  });

  registry.registerPath({
    method: 'put',
    path: '/api/v1/cdp/segments/{id}',
    tags: TAGS,
    summary: 'Replace the definition (and the name) of a segment: a new version',
    description: `The version goes up by one and the members are recomputed in the same transaction; earlier versions are kept. ${DEFINITION_RULES} Needs \`segments:write\`.`,
    security: BEARER,
    request: {
      params: SegmentIdParamsSchema,
      body: { required: true, content: json(SegmentUpdateSchema) },
    },
    responses: {
      200: { description: 'The segment at its new version.', content: json(SegmentSchema) },
      ...problemResponses([...BODY_ERRORS, 404]),
    },
  });

  registry.registerPath({
    method: 'delete',
    path: '/api/v1/cdp/segments/{id}',
    tags: TAGS,
    summary: 'Delete a segment',
    description:
      'Every member exits (each exit is logged); the segment is gone from reads and its id is never reused. Needs `segments:write`.',
    security: BEARER,
    request: { params: SegmentIdParamsSchema },
    responses: {
      204: { description: 'Deleted.' },
      ...problemResponses(ID_ERRORS),
    },
  });
}
