import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createDb } from '@stratum/db';
import { createTestLogger } from '@stratum/http/testing';
import { buildProfileApiDocument, serializeOpenApiDocument } from '@stratum/schemas';
import { wireApp } from './testing/app-under-test';
import type { WiredApp } from './testing/app-under-test';

const COMMITTED = path.join(__dirname, '..', '..', '..', 'docs', 'openapi', 'profile-api.json');

// Nothing here reaches the database: the pool connects on first query only.
const db = createDb({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', readOnly: true });
let wired: WiredApp;

beforeAll(() => {
  wired = wireApp(db, createTestLogger('error').logger);
});

afterAll(async () => {
  await wired.close();
  await db.destroy();
});

describe('OpenAPI', () => {
  it('commits the generated document (regenerate: npx tsx libs/schemas/src/openapi/write-openapi.ts)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(
      serializeOpenApiDocument(buildProfileApiDocument()),
    );
  });

  it('serves the committed document at /openapi.json', async () => {
    const res = await request(wired.app).get('/openapi.json').expect(200);
    expect(res.body).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(wired.app).get('/docs').expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('swagger-ui');
  });

  it('has a route for every documented path', async () => {
    const document = buildProfileApiDocument();
    const paths = Object.keys(document.paths ?? {});
    expect(paths.sort()).toEqual([
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
    for (const documented of paths.filter((p) => p.startsWith('/api/'))) {
      const url = documented.replace('{id}', '0b8f4d52-5d7e-4c1a-9a57-3b8e9f2c1d40');
      // Unauthenticated: a route that exists answers 401, a missing one 404.
      expect([documented, (await request(wired.app).get(url)).status]).toEqual([documented, 401]);
    }
    await request(wired.app).get('/healthz').expect(200);
  });

  it('answers unknown paths with problems: 401 under the API without a key, 404 elsewhere', async () => {
    const res = await request(wired.app).get('/api/v1/cdp/nothing').expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const outside = await request(wired.app).get('/nothing').expect(404);
    expect(outside.headers['content-type']).toContain('application/problem+json');
  });
});
