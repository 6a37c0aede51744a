import { buildAdminApiDocument } from './admin-api.openapi';
import { buildIngestApiDocument } from './ingest-api.openapi';
import { serializeOpenApiDocument } from './openapi-common';
import type { OpenApiDocument } from './openapi-common';
import { buildProfileApiDocument } from './profile-api.openapi';

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<
    string,
    { content?: Record<string, { schema: { $ref?: string } }>; headers?: Record<string, unknown> }
  >;
};

function operation(document: OpenApiDocument, path: string, method: string): Operation {
  const item = document.paths?.[path] as Record<string, Operation> | undefined;
  const op = item?.[method];
  if (op === undefined) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
  return op;
}

// The committed documents' drift from these: docs-drift.spec.ts, with the documentation checks.
describe('generated OpenAPI documents', () => {
  it('are serialized with 2 spaces and a trailing newline', () => {
    const text = serializeOpenApiDocument(buildProfileApiDocument());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "openapi": "3.1.0",');
  });

  it('are deterministic', () => {
    expect(buildIngestApiDocument()).toEqual(buildIngestApiDocument());
  });

  it.each([
    ['ingest', buildIngestApiDocument],
    ['admin', buildAdminApiDocument],
    ['profile', buildProfileApiDocument],
  ])('of the %s API define every schema they refer to, webhook payloads too', (_api, build) => {
    const document = build();
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)];
    const defined = Object.keys(document.components?.schemas ?? {});
    expect([...new Set(refs.map((m) => m[1]))].filter((id) => !defined.includes(id!))).toEqual([]);
  });
});

describe('ingest API document', () => {
  const document = buildIngestApiDocument();

  it('is OpenAPI 3.1 with bearer and basic security schemes', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components?.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      basicAuth: expect.objectContaining({ type: 'http', scheme: 'basic' }),
    });
  });

  it.each([
    ['/api/v1/cdp/events', 'post', '200'],
    ['/api/v1/cdp/consents', 'post', '200'],
    ['/healthz', 'get', '200'],
    ['/readyz', 'get', '200'],
  ])('documents %s %s with a %s answer', (path, method, status) => {
    expect(operation(document, path, method).responses[status]).toBeDefined();
  });

  it('accepts HTTP Basic on POST /events only', () => {
    expect(operation(document, '/api/v1/cdp/events', 'post').security).toEqual([
      { bearerAuth: [] },
      { basicAuth: [] },
    ]);
    expect(operation(document, '/api/v1/cdp/consents', 'post').security).toEqual([
      { bearerAuth: [] },
    ]);
    expect(operation(document, '/healthz', 'get').security).toEqual([]);
  });

  it.each(['400', '401', '403', '413', '415', '429', '503'])(
    'answers %s on POST /events as application/problem+json',
    (status) => {
      const response = operation(document, '/api/v1/cdp/events', 'post').responses[status];
      expect(response?.content?.['application/problem+json']?.schema.$ref).toBe(
        '#/components/schemas/Problem',
      );
    },
  );

  it('answers /readyz 503 as a problem with Retry-After', () => {
    const response = operation(document, '/readyz', 'get').responses['503'];
    expect(response?.content?.['application/problem+json']).toBeDefined();
    expect(response?.headers).toHaveProperty('Retry-After');
  });

  it('sends Retry-After with 429 and 503', () => {
    const responses = operation(document, '/api/v1/cdp/events', 'post').responses;
    expect(responses['429']?.headers).toHaveProperty('Retry-After');
    expect(responses['429']?.headers).toHaveProperty('RateLimit');
    expect(responses['503']?.headers).toHaveProperty('Retry-After');
  });

  it('leaves sources and the rejected-events log to the admin API', () => {
    const paths = Object.keys(document.paths ?? {});
    expect(paths.filter((p) => /sources|rejected-events/.test(p))).toEqual([]);
  });
});

describe('admin API document', () => {
  const document = buildAdminApiDocument();

  it('takes bearer keys only', () => {
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['bearerAuth']);
  });

  it.each([
    ['/api/v1/cdp/sources', 'get', '200'],
    ['/api/v1/cdp/sources', 'post', '201'],
    ['/api/v1/cdp/sources/{id}', 'patch', '200'],
    ['/api/v1/cdp/sources/{id}/rotate-key', 'post', '200'],
    ['/api/v1/cdp/rejected-events', 'get', '200'],
    ['/healthz', 'get', '200'],
    ['/readyz', 'get', '200'],
  ])('documents %s %s with a %s answer', (path, method, status) => {
    expect(operation(document, path, method).responses[status]).toBeDefined();
  });

  it('documents 404 on the routes of one source', () => {
    expect(operation(document, '/api/v1/cdp/sources/{id}', 'patch').responses['404']).toBeDefined();
  });

  it('takes the source id as a path parameter', () => {
    expect(operation(document, '/api/v1/cdp/sources/{id}/rotate-key', 'post').parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
  });
});

describe('profile API document', () => {
  const document = buildProfileApiDocument();

  it('has the four profile routes, the two segment reads, the exports, the stream and health, bearer only', () => {
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      '/api/v1/cdp/exports/events',
      '/api/v1/cdp/exports/profiles',
      '/api/v1/cdp/profiles',
      '/api/v1/cdp/profiles/{id}',
      '/api/v1/cdp/profiles/{id}/consents',
      '/api/v1/cdp/profiles/{id}/events',
      '/api/v1/cdp/segments/{id}/changes',
      '/api/v1/cdp/segments/{id}/members',
      '/api/v1/cdp/stream',
      '/api/v1/cdp/stream/ws',
      '/healthz',
      '/readyz',
    ]);
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['bearerAuth']);
  });

  it('documents the look-up and paging query parameters', () => {
    const lookup = operation(document, '/api/v1/cdp/profiles', 'get').parameters ?? [];
    expect(lookup.map((p) => p.name)).toEqual([
      'identifier_type',
      'identifier_value',
      'identifier_hash',
      'default_country',
    ]);
    const page = operation(document, '/api/v1/cdp/profiles/{id}/events', 'get').parameters ?? [];
    expect(page.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'query:limit',
      'query:cursor',
      'query:from',
      'query:to',
      'query:name',
    ]);
  });

  it('documents an export in each of its three formats, with its file name', () => {
    const exported = operation(document, '/api/v1/cdp/exports/profiles', 'get');
    expect((exported.parameters ?? []).map((p) => p.name)).toEqual([
      'format',
      'segment',
      'purpose',
      'after',
    ]);
    const ok = exported.responses['200'] as {
      content: Record<string, unknown>;
      headers: Record<string, unknown>;
    };
    expect(Object.keys(ok.content)).toEqual([
      'text/csv',
      'application/x-ndjson',
      'application/json',
    ]);
    expect(Object.keys(ok.headers)).toEqual(['Content-Disposition']);
    const events = operation(document, '/api/v1/cdp/exports/events', 'get');
    expect((events.parameters ?? []).map((p) => p.name)).toEqual([
      'format',
      'from',
      'to',
      'profile_id',
      'after',
    ]);
  });

  it.each(['400', '401', '403', '404', '429', '503'])('answers %s as a problem', (status) => {
    const response = operation(document, '/api/v1/cdp/profiles/{id}', 'get').responses[status];
    expect(response?.content?.['application/problem+json']).toBeDefined();
  });
});
