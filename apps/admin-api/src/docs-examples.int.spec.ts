import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createTestSource } from '@stratum/db/testing';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExamples } from '../../../tools/src/docs/curl-examples';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CurlResult } from '../../../tools/src/docs/curl-examples';
import { createAdminTestApp } from './testing/admin-test-app';
import type { AdminTestApp } from './testing/admin-test-app';
import { createIngestApp } from './testing/ingest-app';
import type { IngestUnderTest } from './testing/ingest-app';

const API_MD = path.join(__dirname, '../../../docs/API.md');

let t: AdminTestApp;
let ingest: IngestUnderTest;
const servers: Server[] = [];
let results: CurlResult[];
let sourceId: string;

async function listen(app: Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// The Admin API section as a reader runs it after the Ingest API section: its examples also
// call the ingest API (CORS), and the log holds the rejected event demo-6 sent there.
beforeAll(async () => {
  t = await createAdminTestApp();
  ingest = createIngestApp(t.testDb.db);
  await request(ingest.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', t.writeAuth)
    .send({
      event_id: 'demo-6',
      type: 'track',
      identifiers: [{ type: 'fax', value: '+1 415 555 0100' }],
    })
    .expect(400);
  // What the reader keeps from "Create one": a source of their own, and its write key.
  const source = await createTestSource(t.testDb.db, t.tenant.tenant.tenantId);
  sourceId = source.source.sourceId;
  const examples = extractCurlExamples(readFileSync(API_MD, 'utf8')).filter(
    (e) => e.section === 'Admin API',
  );
  results = await runCurlExamples(examples, {
    ADMIN_URL: await listen(t.app),
    INGEST_URL: await listen(ingest.app),
    WRITE_KEY: t.tenant.writeKey.key,
    SECRET_KEY: t.tenant.secretKey.key,
    SOURCE_ID: sourceId,
    SOURCE_WRITE_KEY: source.writeKey.key,
  });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await ingest.close();
  await t.close();
});

describe('docs/API.md, Admin API section', () => {
  it('has an annotated example for every route', () => {
    expect(results.length).toBeGreaterThanOrEqual(14);
    const paths = results.map((r) => new URL(r.request.url).pathname.replace(sourceId, '{id}'));
    expect(new Set(paths)).toEqual(
      new Set([
        '/api/v1/cdp/sources',
        '/api/v1/cdp/sources/{id}',
        '/api/v1/cdp/sources/{id}/rotate-key',
        '/api/v1/cdp/sources/%ED%A0%80',
        '/api/v1/cdp/rejected-events',
        '/api/v1/cdp/events',
        '/healthz',
        '/readyz',
        '/openapi.json',
      ]),
    );
  });

  it('answers every example with its annotated status', () => {
    const mismatches = results
      .filter((r) => r.status !== r.expectedStatus)
      .map((r) => ({ line: r.example.line, expected: r.expectedStatus, got: r.status }));
    expect(mismatches).toEqual([]);
  });

  it('refuses the page of an origin the source does not allow, as shown', () => {
    const refused = results.find((r) => r.example.command.includes('cors-1'));
    expect(refused?.body).toMatchObject({
      status: 403,
      detail: 'This source does not accept events from web pages of this origin',
      errors: [{ path: 'Origin', message: "is not one of the source's allowed_origins" }],
    });
  });

  it('shows the rejected event of the Ingest API section, as shown', () => {
    const log = results.find((r) => r.request.url.includes('reason=invalid_identifier'));
    expect(log?.body).toMatchObject({
      rejected_events: [
        {
          route: 'events',
          event_id: 'demo-6',
          index: 0,
          reason: 'invalid_identifier',
          errors: [
            { path: 'identifiers.0.type', message: "unknown identifier type 'fax'" },
            { path: 'name', message: 'is required when type is track' },
          ],
          payload: { event_id: 'demo-6', identifiers: [{ type: 'fax', hashed_from: 'trimmed' }] },
        },
      ],
      next_cursor: null,
    });
  });
});
