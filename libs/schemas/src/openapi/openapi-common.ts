import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { HealthSchema, ReadinessSchema } from '../health.schema';
import { PROBLEM_MEDIA_TYPE, ProblemSchema } from '../problem.schema';

/** An OpenAPI 3.1 document as generated. */
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The version of the HTTP contract, shown in both documents. */
const API_VERSION = '1.1.0';

export const BEARER_AUTH = 'bearerAuth';
export const BASIC_AUTH = 'basicAuth';

/** Registers the Bearer scheme, and Basic when `withBasic` (write key as user name). */
export function registerSecuritySchemes(registry: OpenAPIRegistry, withBasic: boolean): void {
  registry.registerComponent('securitySchemes', BEARER_AUTH, {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `cdp_wk_…` (write key) or `cdp_sk_…` (secret key).',
  });
  if (withBasic) {
    registry.registerComponent('securitySchemes', BASIC_AUTH, {
      type: 'http',
      scheme: 'basic',
      description: 'The write key as user name and an empty password, as Segment-style SDKs send.',
    });
  }
}

const RETRY_AFTER = {
  description: 'Seconds to wait before retrying.',
  schema: { type: 'integer' as const, minimum: 0 },
};

/** The error statuses the APIs answer with, each as problem details. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 426 | 429 | 503;

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Malformed JSON, wrong shape, or invalid parameters.',
  401: 'Missing or invalid API key.',
  403: 'The key lacks the required scope, or the source is disabled.',
  404: 'Not found (also for resources of another tenant).',
  409: 'Conflicts with an existing resource.',
  410: 'Existed, but was deleted for good (the detail says when).',
  413: 'The request or one of its events is too large.',
  415: 'The body is not JSON.',
  426: 'A WebSocket endpoint asked without the WebSocket handshake.',
  429: 'Rate limited.',
  503: 'The database is unavailable; nothing was written.',
};

function problemResponse(status: ProblemStatus): ResponseConfig {
  const response: ResponseConfig = {
    description: PROBLEM_DESCRIPTIONS[status],
    content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
  };
  if (status === 429) {
    response.headers = {
      'Retry-After': RETRY_AFTER,
      RateLimit: { description: 'Remaining quota (IETF draft).', schema: { type: 'string' } },
      'RateLimit-Policy': {
        description: 'The quota policy (IETF draft).',
        schema: { type: 'string' },
      },
    };
  }
  if (status === 503) response.headers = { 'Retry-After': RETRY_AFTER };
  return response;
}

/** The error answers of a route, each as `application/problem+json`. */
export function problemResponses(
  statuses: readonly ProblemStatus[],
): Record<string, ResponseConfig> {
  return Object.fromEntries(statuses.map((status) => [String(status), problemResponse(status)]));
}

/** `/healthz` (process up) and `/readyz` (database reachable), without authentication. */
export function registerHealthRoutes(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    tags: ['health'],
    summary: 'Liveness: the process is up',
    security: [],
    responses: {
      200: { description: 'Up.', content: { 'application/json': { schema: HealthSchema } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    tags: ['health'],
    summary: 'Readiness: the database is reachable and the process is not shutting down',
    security: [],
    responses: {
      200: { description: 'Ready.', content: { 'application/json': { schema: ReadinessSchema } } },
      ...problemResponses([503]),
    },
  });
}

/** Generates the document of a registry with the shared settings. */
export function generateDocument(
  registry: OpenAPIRegistry,
  info: { title: string; description: string },
  serverUrl: string,
  security: RouteConfig['security'],
): OpenApiDocument {
  const generator = new OpenApiGeneratorV31(registry.definitions, {
    sortComponents: 'alphabetically',
  });
  const document = generator.generateDocument({
    openapi: '3.1.0',
    info: { ...info, version: API_VERSION },
    servers: [{ url: serverUrl, description: 'Local development' }],
    security,
  });
  // The generator writes the components before the webhooks: those only a webhook refers to
  // (the payloads) are missing from its document until the components are read again.
  return { ...document, components: generator.generateComponents().components };
}

/** The committed form of a document: JSON, 2-space indent, trailing newline. */
export function serializeOpenApiDocument(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
