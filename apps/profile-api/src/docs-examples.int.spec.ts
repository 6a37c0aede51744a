import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
// The checker lives with the other repository tools; this test is its user for the profile
// section of docs/API.md (the ingest section is checked the same way by ingest-api).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExamples } from '../../../tools/src/docs/curl-examples';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CurlResult } from '../../../tools/src/docs/curl-examples';
import type { AppUnderTest } from './test-support/app-under-test';
import { startAppUnderTest } from './test-support/app-under-test';
import { ingestEvents, recordConsents } from './test-support/seed';

const API_MD = path.join(__dirname, '..', '..', '..', 'docs', 'API.md');
const JANE = { type: 'email' as const, value: 'jane@example.com' };

let t: AppUnderTest;
let server: Server;
let results: CurlResult[];
let profileId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  const tenantId = t.tenant.tenant.tenantId;
  // What a reader has after `npm start` and the banner's example event, plus a little more
  // so that the pagination example has a next page.
  const now = Date.now();
  [profileId] = (await ingestEvents(t.db, tenantId, [
    { eventId: 'demo-1', occurredAt: new Date(now - 3000), name: 'Signed Up', identifiers: [JANE] },
    {
      eventId: 'demo-2',
      occurredAt: new Date(now - 2000),
      name: 'Page Viewed',
      identifiers: [JANE],
    },
    {
      eventId: 'demo-3',
      occurredAt: new Date(now - 1000),
      name: 'Page Viewed',
      identifiers: [JANE],
    },
  ])) as [string];
  await recordConsents(t.db, tenantId, [
    {
      profileId,
      purpose: 'marketing',
      status: 'granted',
      occurredAt: new Date(now),
      source: 'cookie-banner',
    },
  ]);

  server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const profileUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const firstPage = (await (
    await fetch(`${profileUrl}/api/v1/cdp/profiles/${profileId}/events?limit=2`, {
      headers: { Authorization: t.auth },
    })
  ).json()) as { next_cursor: string };

  const examples = extractCurlExamples(readFileSync(API_MD, 'utf8')).filter(
    (example) => example.section === 'Profile API',
  );
  results = await runCurlExamples(examples, {
    INGEST_URL: 'http://127.0.0.1:9',
    PROFILE_URL: profileUrl,
    WRITE_KEY: t.tenant.writeKey.key,
    SECRET_KEY: t.tenant.secretKey.key,
    PROFILE_ID: profileId,
    NEXT_CURSOR: firstPage.next_cursor,
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('docs/API.md, Profile API section', () => {
  it('has an annotated example for every endpoint', () => {
    expect(results.length).toBeGreaterThanOrEqual(10);
    for (const result of results)
      expect([result.example.line, result.expectedStatus]).toEqual([
        result.example.line,
        expect.any(Number),
      ]);
    const paths = results.map((r) => new URL(r.request.url).pathname.replace(profileId, '{id}'));
    expect(new Set(paths)).toEqual(
      new Set([
        '/api/v1/cdp/profiles',
        '/api/v1/cdp/profiles/{id}',
        '/api/v1/cdp/profiles/{id}/events',
        '/api/v1/cdp/profiles/{id}/consents',
        '/api/v1/cdp/profiles/00000000-0000-4000-8000-000000000000',
        '/healthz',
        '/readyz',
        '/openapi.json',
      ]),
    );
  });

  it('answers every example with its annotated status', () => {
    const mismatches = results
      .filter((r) => r.status !== r.expectedStatus)
      .map((r) => ({
        line: r.example.line,
        expected: r.expectedStatus,
        got: r.status,
        body: r.body,
      }));
    expect(mismatches).toEqual([]);
  });

  it('finds the demo profile by value and by hash', () => {
    const lookups = results.filter(
      (r) => new URL(r.request.url).pathname === '/api/v1/cdp/profiles' && r.status === 200,
    );
    expect(lookups).toHaveLength(2);
    for (const lookup of lookups) expect(lookup.body).toMatchObject({ profile_id: profileId });
  });

  it('shows events and a second page through the cursor', () => {
    const pages = results.filter((r) => r.request.url.includes('/events') && r.status === 200);
    expect(
      pages.map((p) =>
        (p.body as { events: { event_id: string }[] }).events.map((e) => e.event_id),
      ),
    ).toEqual([['demo-1'], ['demo-1']]);
  });
});
