import * as schemas from './index';

const EVENT = {
  event_id: '7d1c5c1e-0b6a-4c55-9a53-2f1f4f4d3a10',
  type: 'track',
  name: 'Order Completed',
  timestamp: '2026-11-20T10:15:00.000+01:00',
  identifiers: [{ type: 'email', value: ' Jane.Doe@Example.COM ' }],
  properties: { order_id: 'A-1001', revenue: 129.9 },
};

describe('@stratum/schemas public face', () => {
  it('exports the constants of the spec', () => {
    expect(schemas.MAX_EVENTS_PER_BATCH).toBe(500);
    expect(schemas.MAX_EVENT_BYTES).toBe(32 * 1024);
    expect(schemas.MAX_REQUEST_BYTES).toBe(512 * 1024);
    expect(schemas.API_SCOPES).toEqual(expect.arrayContaining(['events:write', 'admin']));
    expect(new Set(schemas.API_SCOPES).size).toBe(schemas.API_SCOPES.length);
    expect(schemas.isApiScope('segments:read')).toBe(true);
    expect(schemas.isApiScope('segments')).toBe(false);
    expect(schemas.ApiScopeSchema.safeParse('admin').success).toBe(true);
    expect(schemas.ApiScopeSchema.safeParse('root').success).toBe(false);
  });

  it('splits a body into events and validates each on its own', () => {
    expect(schemas.parseIngestBody(EVENT)).toEqual({ ok: true, events: [EVENT], batch: false });
    expect(schemas.parseIngestBody({ events: [EVENT, EVENT] })).toMatchObject({
      ok: true,
      batch: true,
    });
    expect(schemas.parseEvent(EVENT)).toMatchObject({ ok: true, event: { name: EVENT.name } });
    expect(schemas.parseEvent({ ...EVENT, name: undefined })).toEqual({
      ok: false,
      errors: [{ path: 'name', message: expect.any(String) as string }],
    });
  });

  it('parses a consent request and names the field of a bad one', () => {
    const request = {
      identifiers: [{ type: 'external_id', value: 'crm-4711' }],
      consents: [{ purpose: 'marketing', status: 'granted' }],
    };
    expect(schemas.ConsentRequestSchema.parse(request)).toMatchObject(request);
    const bad = schemas.ConsentRequestSchema.safeParse({
      ...request,
      consents: [{ purpose: 'telepathy', status: 'granted' }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error && schemas.formatIssues(bad.error).map((issue) => issue.path)).toEqual([
      'consents.0.purpose',
    ]);
  });

  it('builds the OpenAPI documents and the event JSON Schema from the schemas', () => {
    expect(Object.keys(schemas.buildIngestApiDocument().paths ?? {})).toEqual(
      expect.arrayContaining(['/api/v1/cdp/events', '/api/v1/cdp/consents', '/healthz']),
    );
    expect(Object.keys(schemas.buildProfileApiDocument().paths ?? {})).toEqual(
      expect.arrayContaining(['/api/v1/cdp/profiles/{id}', '/api/v1/cdp/profiles/{id}/consents']),
    );
    expect(schemas.buildEventJsonSchema()).toMatchObject({
      $ref: '#/$defs/Event',
      $defs: { Event: { properties: { event_id: { type: 'string' } } } },
    });
  });
});
