import * as schemas from './index';

describe('@stratum/schemas public face', () => {
  it('exports the constants of the spec', () => {
    expect(schemas.MAX_EVENTS_PER_BATCH).toBe(500);
    expect(schemas.MAX_EVENT_BYTES).toBe(32 * 1024);
    expect(schemas.MAX_REQUEST_BYTES).toBe(512 * 1024);
    expect([...schemas.API_SCOPES]).toEqual([
      'events:write',
      'profiles:read',
      'sources:read',
      'sources:write',
      'consents:write',
      'admin',
    ]);
    expect(schemas.ApiScopeSchema.safeParse('admin').success).toBe(true);
    expect(schemas.ApiScopeSchema.safeParse('root').success).toBe(false);
  });

  it('exports a schema for every request and response, and the document builders', () => {
    const names = [
      'EventSchema',
      'BatchEnvelopeSchema',
      'EventsRequestSchema',
      'BatchResponseSchema',
      'ProblemSchema',
      'ProfileSchema',
      'ProfileLookupQuerySchema',
      'ProfileEventsQuerySchema',
      'ProfileEventsPageSchema',
      'ConsentRequestSchema',
      'ConsentResponseSchema',
      'ConsentHistoryResponseSchema',
      'SourceCreateSchema',
      'SourcePatchSchema',
      'SourceSchema',
      'SourceCreatedSchema',
      'RotateKeyResponseSchema',
      'SourceListSchema',
      'HealthSchema',
      'formatIssues',
      'parseIngestBody',
      'parseEvent',
      'buildIngestApiDocument',
      'buildProfileApiDocument',
      'buildEventJsonSchema',
    ];
    for (const name of names) expect(schemas).toHaveProperty(name);
    for (const value of Object.values(schemas)) expect(value).toBeDefined();
  });
});
