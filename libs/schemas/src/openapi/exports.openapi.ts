import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ExportEventsQuerySchema,
  ExportedProfileSchema,
  ExportProfilesQuerySchema,
} from '../export.schema';
import { ProfileEventSchema } from '../profile-event.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';
import type { ProblemStatus } from './openapi-common';

const BEARER = [{ [BEARER_AUTH]: [] }];
const TAGS = ['exports'];
const ERRORS: ProblemStatus[] = [400, 401, 403, 404, 429, 503];

const FORMATS =
  'Streamed in one snapshot, in a stable order. `csv`: RFC 4180 with a header row and CRLF, ' +
  'nested values as JSON text, and a cell beginning with `=`, `+`, `-`, `@`, a tab, a ' +
  "carriage return, their full-width forms or `'` prefixed with `'` (formula injection). " +
  '`ndjson`: one JSON object a line. `json`: one array, a row a line. A client that reads ' +
  'nothing for 60 s is cut off; a server runs at most half its pool size of exports at ' +
  'once and answers more with 503.';

const DISPOSITION = {
  'Content-Disposition': {
    description:
      'attachment, with a file name such as `profiles-20261124T101500Z.csv` or `events-….ndjson`.',
    schema: { type: 'string' as const },
  },
};

/** The streamed exports of profiles and events, SPEC §17 (apps/profile-api). */
export function registerExportRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/exports/profiles',
    tags: TAGS,
    summary: 'Export the surviving profiles, by profile id',
    description: `${FORMATS} Resume with \`after\`, the last \`profile_id\` received. Needs \`profiles:read\`, and \`segments:read\` with \`segment\`. An unknown, deleted or other tenant's segment is a 404.`,
    security: BEARER,
    request: { query: ExportProfilesQuerySchema },
    responses: {
      200: {
        description: 'The profiles, in the requested format.',
        headers: DISPOSITION,
        content: {
          'text/csv': {
            schema: z.string().meta({ description: 'A header row, then a row a profile.' }),
          },
          'application/x-ndjson': { schema: ExportedProfileSchema },
          'application/json': { schema: z.array(ExportedProfileSchema) },
        },
      },
      ...problemResponses(ERRORS),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/cdp/exports/events',
    tags: TAGS,
    summary: 'Export events, by time then event id',
    description: `${FORMATS} Each event as the profile events API shows it, its \`timestamp\` to the microsecond when it has them. Resume with \`after\`, made from the \`timestamp\` and \`event_id\` of the last event received. Needs \`profiles:read\`. An unknown or other tenant's \`profile_id\` is a 404.`,
    security: BEARER,
    request: { query: ExportEventsQuerySchema },
    responses: {
      200: {
        description: 'The events, in the requested format.',
        headers: DISPOSITION,
        content: {
          'text/csv': {
            schema: z.string().meta({ description: 'A header row, then a row an event.' }),
          },
          'application/x-ndjson': { schema: ProfileEventSchema },
          'application/json': { schema: z.array(ProfileEventSchema) },
        },
      },
      ...problemResponses(ERRORS),
    },
  });
}
