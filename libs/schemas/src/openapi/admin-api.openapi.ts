import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  BEARER_AUTH,
  generateDocument,
  registerHealthRoutes,
  registerSecuritySchemes,
} from './openapi-common';
import type { OpenApiDocument } from './openapi-common';
import { registerDestinationRoutes } from './destinations.openapi';
import { registerPrivacyRoutes } from './privacy.openapi';
import { registerProfileSplitRoutes } from './profile-split.openapi';
import { registerQualityRoutes } from './quality.openapi';
import { registerRejectedEventsRoutes } from './rejected-events.openapi';
import { registerSegmentRoutes } from './segments.openapi';
import { registerSourceRoutes } from './sources.openapi';

/**
 * The OpenAPI 3.1 document of the internal admin API (apps/admin-api). Each area registers
 * its routes from its own file, so the document grows one area at a time.
 */
export function buildAdminApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry, false);
  registerHealthRoutes(registry);
  registerSourceRoutes(registry);
  registerRejectedEventsRoutes(registry);
  registerSegmentRoutes(registry);
  registerDestinationRoutes(registry);
  registerPrivacyRoutes(registry);
  registerProfileSplitRoutes(registry);
  registerQualityRoutes(registry);

  return generateDocument(
    registry,
    {
      title: 'Stratum CDP admin API',
      description:
        'Internal management with secret keys: never expose it to the public. Errors are RFC 9457 problem details; every answer carries `X-Request-Id`.',
    },
    'http://localhost:3004',
    [{ [BEARER_AUTH]: [] }],
  );
}
