import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import { installJobQueue } from '@stratum/destinations/testing';
import { runPrivacyRequest } from '@stratum/privacy';
import { seedEvents } from '@stratum/privacy/testing';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExample } from '../../../../tools/src/docs/curl-examples';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CurlResult } from '../../../../tools/src/docs/curl-examples';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { createIngestApp } from '../testing/ingest-app';
import type { IngestUnderTest } from '../testing/ingest-app';

const API_MD = path.join(__dirname, '..', '..', '..', '..', 'docs', 'API.md');

let t: AdminTestApp;
let ingest: IngestUnderTest;
const servers: Server[] = [];
const results: CurlResult[] = [];

async function listen(app: Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// The Privacy section as a reader runs it after the Ingest API section (Jane's profile holds
// her email and phone), pasting each request id where the section says so. Between a POST
// and the next example the worker's task runs what was queued, as a running worker would.
beforeAll(async () => {
  t = await createAdminTestApp();
  const tenantId = t.tenant.tenant.tenantId;
  ingest = createIngestApp(t.testDb.db);
  await installJobQueue(t.testDb.url);
  await seedEvents(t.testDb.db, tenantId, [
    {
      identifiers: [
        { type: 'email', value: 'jane.doe@example.com' },
        { type: 'phone', value: '+14155550100' },
      ],
      traits: { plan: 'pro', first_name: 'Jane' },
    },
  ]);
  const variables: Record<string, string> = {
    ADMIN_URL: await listen(t.app),
    INGEST_URL: await listen(ingest.app),
    SECRET_KEY: t.tenant.secretKey.key,
    WRITE_KEY: t.tenant.writeKey.key,
  };
  const examples = extractCurlExamples(readFileSync(API_MD, 'utf8')).filter(
    (e) => e.section === 'Privacy',
  );
  for (const example of examples) {
    const result = await runCurlExample(example, variables);
    results.push(result);
    const body = result.body as { request_id?: string };
    if (result.status !== 202 || body.request_id === undefined) continue;
    if (example.command.includes('"type":"suppress"')) variables['REQUEST_ID'] = body.request_id;
    if (example.command.includes('"type":"access"')) variables['ACCESS_ID'] = body.request_id;
    if (example.command.includes('"type":"erase"')) variables['ERASE_ID'] = body.request_id;
    await runPrivacyRequest(t.testDb.db, tenantId, body.request_id);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await ingest.close();
  await t.close();
});

const answer = (command: string, status: number) =>
  results.find((r) => r.example.command.includes(command) && r.status === status)?.body;

describe('docs/API.md, Privacy section', () => {
  it('has an annotated example for every route', () => {
    const routes = results.map(
      (r) =>
        `${r.request.method} ${new URL(r.request.url).pathname.replace(/[0-9a-f-]{36}/, '{id}')}`,
    );
    expect(new Set(routes)).toEqual(
      new Set([
        'POST /api/v1/cdp/privacy-requests',
        'GET /api/v1/cdp/privacy-requests/{id}',
        'GET /api/v1/cdp/privacy-requests/{id}/result',
        'POST /api/v1/cdp/events',
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

  it('suppresses the event, reads the request and the document, as shown', () => {
    expect(answer('privacy-1', 200)).toMatchObject({
      accepted: 0,
      suppressed: 1,
      results: [{ index: 0, event_id: 'privacy-1', status: 'suppressed' }],
    });
    expect(answer('privacy-requests/$REQUEST_ID"', 200)).toMatchObject({
      type: 'suppress',
      status: 'done',
      identifiers: [
        { type: 'email', hash: '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d' },
      ],
      profiles_affected: 1,
      counts: { identifiers_matched: 1, suppressions_added: 1 },
    });
    expect(answer('$ACCESS_ID"', 200)).toMatchObject({ status: 'done', profiles_affected: 1 });
    expect(answer('$ACCESS_ID/result', 200)).toMatchObject({
      profiles: [expect.objectContaining({ traits: { plan: 'pro', first_name: 'Jane' } })],
      events: [expect.objectContaining({ name: 'Order Completed' })],
    });
  });

  it('erases Jane and her access document, as shown', () => {
    const erased = answer('$ERASE_ID"', 200) as { counts: unknown };
    expect(erased).toMatchObject({
      type: 'erase',
      status: 'done',
      identifiers: [{ type: 'phone', hash: null }],
      profiles_affected: 1,
      progress: null,
      message: 'Erased 1 profile and everything held about them.',
    });
    expect(erased.counts).toEqual({
      identifiers_matched: 1,
      identifiers: 2,
      events: 1,
      other_events: 0,
      dedupe_keys: 1,
      consents: 0,
      segment_memberships: 0,
      segment_log: 0,
      changes: 2,
      deliveries: 0,
      rejected_events: 1,
      inbox_events: 0,
      merges: 0,
      splits: 0,
      refused_merges: 0,
      profiles: 1,
      access_documents: 1,
    });
  });

  it('names the refused fields, as shown', () => {
    expect((answer('"hash":"ABC"', 400) as { errors: unknown }).errors).toEqual([
      {
        path: 'identifiers.0.hash',
        message: 'must be 64 lowercase hexadecimal characters (SHA-256)',
      },
    ]);
    expect((answer('415 555 0100', 400) as { errors: unknown }).errors).toEqual([
      {
        path: 'identifiers.0.value',
        message:
          'has no country code: write it in international form, + and the country code first',
      },
    ]);
  });
});
