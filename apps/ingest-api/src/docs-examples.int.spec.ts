import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExamples } from '../../../tools/src/docs/curl-examples';
import { createIngestTestApp } from './testing/ingest-test-app';
import type { IngestTestApp } from './testing/ingest-test-app';

let t: IngestTestApp;
let server: Server;
beforeAll(async () => {
  t = await createIngestTestApp({ vendorRoutesAsync: true });
  server = t.app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Runs a document's curl examples against the app; each must answer the status it states. */
async function runDocExamples(document: string, section?: string) {
  const markdown = readFileSync(path.join(__dirname, '../../../docs', document), 'utf8');
  const examples = extractCurlExamples(markdown).filter(
    (e) => section === undefined || e.section === section,
  );
  const results = await runCurlExamples(examples, {
    INGEST_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    WRITE_KEY: t.tenant.writeKey.key,
    SECRET_KEY: t.tenant.secretKey.key,
  });
  for (const result of results) {
    expect({ line: result.example.line, status: result.status }).toEqual({
      line: result.example.line,
      status: result.expectedStatus,
    });
  }
  return results;
}

// API.md's Admin API section (sources, keys, the rejected-events log) runs in admin-api's tests.
describe('docs/COMPATIBILITY.md curl examples', () => {
  it('answer the status each example states, as pasted', async () => {
    const results = await runDocExamples('COMPATIBILITY.md');
    expect(results.length).toBeGreaterThanOrEqual(6);
    const oneBad = results.find((r) => r.example.command.includes('compat-5'));
    expect(oneBad?.body).toMatchObject({ success: true, queued: 1, rejected: 1 });
    expect(results[0]?.body).toMatchObject({ success: true, queued: 2 });
  });
});

describe('docs/API.md ingest examples', () => {
  it('answer the status each example states, as pasted', async () => {
    const results = await runDocExamples('API.md', 'Ingest API');
    expect(results.length).toBeGreaterThanOrEqual(10);
    const retry = results.find((r) => r.example.command.includes('demo-1') && r !== results[0]);
    expect(retry?.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });
});
