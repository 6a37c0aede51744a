import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { upsertSourceHours, upsertVolumeAnomalies } from '@stratum/db';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExamples } from '../../../../tools/src/docs/curl-examples';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CurlResult } from '../../../../tools/src/docs/curl-examples';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';

const API_MD = path.join(__dirname, '../../../../docs/API.md');
const HOUR = 3_600_000;

let t: AdminTestApp;
let server: Server;
let results: CurlResult[];

// What the worker would have written for the reader's source: one hour, and its flag.
beforeAll(async () => {
  t = await createAdminTestApp();
  const source = { tenant_id: t.tenant.tenant.tenantId, source_id: t.tenant.source.sourceId };
  const hour = new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR);
  await upsertSourceHours(t.testDb.db, [
    { ...source, hour, accepted: 412, rejected: 3, sampled: 4, email: 3, phone: 1, ip: 4 },
  ]);
  await upsertVolumeAnomalies(t.testDb.db, [
    { ...source, hour, kind: 'drop', severity: 'critical', count: 0, expected: 412, score: -20.3 },
  ]);
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const examples = extractCurlExamples(readFileSync(API_MD, 'utf8')).filter(
    (e) => e.section === 'Data quality',
  );
  results = await runCurlExamples(examples, {
    ADMIN_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    SECRET_KEY: t.tenant.secretKey.key,
    SOURCE_ID: t.tenant.source.sourceId,
  });
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('docs/API.md, Data quality section', () => {
  it('has an annotated example for both routes', () => {
    const paths = results.map((r) =>
      new URL(r.request.url).pathname.replace(t.tenant.source.sourceId, '{id}'),
    );
    expect(new Set(paths)).toEqual(
      new Set(['/api/v1/cdp/sources/{id}/quality', '/api/v1/cdp/anomalies']),
    );
    expect(results.every((r) => r.expectedStatus !== undefined)).toBe(true);
  });

  it('answers every example with its annotated status', () => {
    const mismatches = results
      .filter((r) => r.status !== r.expectedStatus)
      .map((r) => ({ line: r.example.line, status: r.status, body: r.body }));
    expect(mismatches).toEqual([]);
  });

  it('shows the answers the examples get', () => {
    const [quality, badDays, anomalies, badSince] = results;
    expect(quality!.body).toMatchObject({ score: 3.8, rating: 'poor', hours: [{ accepted: 412 }] });
    expect(badDays!.body).toMatchObject({ errors: [{ path: 'days' }] });
    expect(anomalies!.body).toMatchObject({
      anomalies: [{ kind: 'drop', severity: 'critical', count: 0, expected: 412 }],
      next_cursor: null,
    });
    expect(badSince!.body).toMatchObject({ errors: [{ path: 'since' }] });
  });
});
