import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ProfileIdParamsSchema } from '../ids.schema';
import { ProfileSplitInputSchema, ProfileSplitResultSchema } from '../profile-split.schema';
import { BEARER_AUTH, problemResponses } from './openapi-common';

const json = <T>(schema: T) => ({ 'application/json': { schema } });

/** Splitting a wrong merge, SPEC §13 and §17 (apps/admin-api). */
export function registerProfileSplitRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cdp/profiles/{id}/split',
    tags: ['profiles'],
    security: [{ [BEARER_AUTH]: [] }],
    summary: 'Split a wrong merge',
    description: [
      "Restores the profile a merge merged away (`merge_id`, from the profile's `merges` on the profile API), with the identifiers it held when it was merged, the profiles merged into it before, and the events received since the merge that carry only those identifiers.",
      "The survivor keeps its traits and gives back the restored profile's event count. From then on the two are kept apart: an event carrying identifiers of both is resolved as merge protection resolves it (to the profile of its highest-priority identifier, with a warning).",
      "`id` is the profile the merge is part of now. Any other profile, another tenant's, an unknown merge or one already split is a 404; a merge recorded before merges kept their identifiers is a 409.",
      'Needs `profiles:write`.',
    ].join(' '),
    request: {
      params: ProfileIdParamsSchema,
      body: { required: true, content: json(ProfileSplitInputSchema) },
    },
    responses: {
      200: { description: 'Split.', content: json(ProfileSplitResultSchema) },
      ...problemResponses([400, 401, 403, 404, 409, 413, 415, 429, 503]),
    },
  });
}
