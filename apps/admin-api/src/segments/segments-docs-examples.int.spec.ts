import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ingestEvents } from '@stratum/segments/testing';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExample } from '../../../../tools/src/docs/curl-examples';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CurlResult } from '../../../../tools/src/docs/curl-examples';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';

const API_MD = path.join(__dirname, '..', '..', '..', '..', 'docs', 'API.md');

let t: AdminTestApp;
let server: Server;
let results: CurlResult[];
let janeId: string;
let segmentId: string;

// The Segments section as a reader runs it after the Ingest API section (Jane is on the pro
// plan with an email address), pasting the new segment's id where the section says so.
beforeAll(async () => {
  t = await createAdminTestApp();
  [janeId] = (await ingestEvents(t.testDb.db, t.tenant.tenant.tenantId, [
    {
      identifiers: [
        { type: 'email', value: 'jane@example.com' },
        { type: 'phone', value: '+14155550100' },
      ],
      occurredAt: new Date(),
      traits: { plan: 'pro', first_name: 'Jane' },
    },
  ])) as [string];
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const variables: Record<string, string> = {
    ADMIN_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    SECRET_KEY: t.tenant.secretKey.key,
    WRITE_KEY: t.tenant.writeKey.key,
  };
  const examples = extractCurlExamples(readFileSync(API_MD, 'utf8')).filter(
    (e) => e.section === 'Segments',
  );
  results = [];
  for (const example of examples) {
    const result = await runCurlExample(example, variables);
    results.push(result);
    const body = result.body as { segment_id?: string };
    if (result.status === 201 && body.segment_id !== undefined) {
      segmentId = body.segment_id;
      variables['SEGMENT_ID'] = segmentId;
    }
  }
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const answer = (method: string, route: string, status: number) =>
  results.find(
    (r) =>
      r.request.method === method &&
      new URL(r.request.url).pathname.replace(segmentId, '{id}') === route &&
      r.status === status,
  )?.body;

describe('docs/API.md, Segments section', () => {
  it('has an annotated example for every route', () => {
    const routes = results.map(
      (r) => `${r.request.method} ${new URL(r.request.url).pathname.replace(segmentId, '{id}')}`,
    );
    expect(new Set(routes)).toEqual(
      new Set([
        'POST /api/v1/cdp/segments/preview',
        'POST /api/v1/cdp/segments',
        'GET /api/v1/cdp/segments',
        'GET /api/v1/cdp/segments/{id}',
        'PUT /api/v1/cdp/segments/{id}',
        'DELETE /api/v1/cdp/segments/{id}',
      ]),
    );
  });

  it('answers every example with its annotated status', () => {
    const mismatches = results
      .filter((r) => r.status !== r.expectedStatus)
      .map((r) => ({ line: r.example.line, expected: r.expectedStatus, got: r.status }));
    expect(mismatches).toEqual([]);
  });

  it('previews and counts Jane, as shown', () => {
    expect(answer('POST', '/api/v1/cdp/segments/preview', 200)).toEqual({
      count: 1,
      sample: [janeId],
    });
    expect(answer('GET', '/api/v1/cdp/segments/{id}', 200)).toMatchObject({
      name: 'Pro customers',
      version: 1,
      member_count: 1,
    });
    expect(answer('PUT', '/api/v1/cdp/segments/{id}', 200)).toMatchObject({ version: 2 });
  });

  it('names the fields of the broken definition, as shown', () => {
    const refused = answer('POST', '/api/v1/cdp/segments', 400) as { errors: unknown[] };
    expect(refused.errors).toEqual([
      {
        path: 'definition.all.0.op',
        message: 'must be one of eq, neq, gt, gte, lt, lte, contains, in, exists',
      },
      {
        path: 'definition.all.1.value',
        message:
          'must be a number or an ISO 8601 date (2026-01-31, or 2026-01-31T10:00:00Z with an offset)',
      },
    ]);
  });
});
