import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExamples } from '../../../../tools/src/docs/curl-examples';
import { createIngestTestApp } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
let server: Server;
beforeAll(async () => {
  t = await createIngestTestApp();
  server = t.app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('docs/COMPATIBILITY.md curl examples', () => {
  it('answer the status each example states, as pasted', async () => {
    const markdown = readFileSync(
      path.join(__dirname, '../../../../docs/COMPATIBILITY.md'),
      'utf8',
    );
    const examples = extractCurlExamples(markdown);
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const results = await runCurlExamples(examples, {
      INGEST_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      WRITE_KEY: t.tenant.writeKey.key,
    });
    for (const result of results) {
      expect({ line: result.example.line, status: result.status }).toEqual({
        line: result.example.line,
        status: result.expectedStatus,
      });
    }
    const oneBad = results.find((r) => r.example.command.includes('compat-5'));
    expect(oneBad?.body).toMatchObject({ success: true, accepted: 1, rejected: 1 });
    expect(results[0]?.body).toMatchObject({ success: true, accepted: 2 });
  });
});
