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
import { encodeEventCursor } from '@stratum/schemas';
import type { AppUnderTest } from './testing/app-under-test';
import { startAppUnderTest } from './testing/app-under-test';
import { ingestEvents, recordConsents } from './testing/seed';
import { createTestSegment, planIs } from './testing/segments';

const API_MD = path.join(__dirname, '..', '..', '..', 'docs', 'API.md');
const JANE = { type: 'email' as const, value: 'jane@example.com' };

let t: AppUnderTest;
let server: Server;
let results: CurlResult[];
let profileId: string;
let segmentId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  const tenantId = t.tenant.tenant.tenantId;
  // What a reader has after `npm start` and the banner's example event, plus a little more
  // so that the pagination example has a next page.
  const now = Date.now();
  [profileId] = (await ingestEvents(t.db, tenantId, [
    {
      eventId: 'demo-1',
      occurredAt: new Date(now - 3000),
      name: 'Signed Up',
      identifiers: [JANE],
      traits: { plan: 'pro' },
    },
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

  // The segment the reader creates on the admin API before the segment examples.
  segmentId = await createTestSegment(t.db, tenantId, {
    name: 'Pro customers',
    definition: planIs('pro'),
  });

  server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const profileUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const firstPage = (await (
    await fetch(`${profileUrl}/api/v1/cdp/profiles/${profileId}/events?limit=2`, {
      headers: { Authorization: t.auth },
    })
  ).json()) as { next_cursor: string };
  const changes = (await (
    await fetch(`${profileUrl}/api/v1/cdp/segments/${segmentId}/changes`, {
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
    SEGMENT_ID: segmentId,
    CHANGES_CURSOR: changes.next_cursor,
    // What the document's printf | base64 line computes for the first demo event.
    AFTER: encodeEventCursor({
      occurredAt: new Date(now - 3000).toISOString(),
      eventId: 'demo-1',
    }),
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
    const paths = results.map((r) =>
      new URL(r.request.url).pathname.replace(profileId, '{id}').replace(segmentId, '{id}'),
    );
    expect(new Set(paths)).toEqual(
      new Set([
        '/api/v1/cdp/profiles',
        '/api/v1/cdp/profiles/{id}',
        '/api/v1/cdp/profiles/{id}/events',
        '/api/v1/cdp/profiles/{id}/consents',
        '/api/v1/cdp/profiles/00000000-0000-4000-8000-000000000000',
        '/api/v1/cdp/segments/{id}/members',
        '/api/v1/cdp/segments/{id}/changes',
        '/api/v1/cdp/segments/00000000-0000-4000-8000-000000000000/members',
        '/api/v1/cdp/exports/profiles',
        '/api/v1/cdp/exports/events',
        '/api/v1/cdp/stream',
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
    const pages = results.filter(
      (r) => /\/profiles\/[^/]+\/events/.test(r.request.url) && r.status === 200,
    );
    expect(
      pages.map((p) =>
        (p.body as { events: { event_id: string }[] }).events.map((e) => e.event_id),
      ),
    ).toEqual([['demo-1'], ['demo-1']]);
  });

  it('exports the demo profile as CSV, NDJSON of the segment, and JSON after it', () => {
    const exports = results
      .filter((r) => r.request.url.includes('/exports/profiles') && r.status === 200)
      .map((r) => r.body as string);
    expect(exports).toHaveLength(3);
    const [csv, ndjson, json] = exports as [string, string, unknown];
    expect(csv.split('\r\n')).toEqual([
      expect.stringMatching(/^profile_id,created_at,/),
      expect.stringMatching(new RegExp(`^${profileId},.*"{""marketing"":""granted""}"$`)),
      '',
    ]);
    expect(JSON.parse(ndjson)).toMatchObject({
      profile_id: profileId,
      traits: { plan: 'pro' },
      consents: { marketing: 'granted' },
    });
    expect(json).toEqual([]);
  });

  it('exports the demo profile’s events, then those after the first', () => {
    const [all, rest] = results
      .filter((r) => r.request.url.includes('/exports/events') && r.status === 200)
      .map((r) => r.body as string) as [string, string];
    expect(
      all
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { event_id: string }).event_id),
    ).toEqual(['demo-1', 'demo-2', 'demo-3']);
    expect(rest.split('\r\n').map((line) => line.split(',')[0])).toEqual([
      'event_id',
      'demo-2',
      'demo-3',
      '',
    ]);
  });

  it('shows a segment’s members, its changes, and the segment on the profile', () => {
    const ok = (suffix: string) =>
      results.filter((r) => r.request.url.includes(suffix) && r.status === 200).map((r) => r.body);
    expect(ok('/members')).toEqual([
      { members: [{ profile_id: profileId, entered_at: expect.any(String) }], next_cursor: null },
    ]);
    const [first, resumed] = ok('/changes') as { changes: { change: string }[] }[];
    expect(first!.changes).toEqual([
      expect.objectContaining({ profile_id: profileId, change: 'entered' }),
    ]);
    expect(resumed!.changes).toEqual([]);
    const profile = results.find((r) => new URL(r.request.url).pathname.endsWith(profileId));
    expect(profile?.body).toMatchObject({ segments: [segmentId] });
  });
});
