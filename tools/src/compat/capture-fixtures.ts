/**
 * Captures what the real Segment, RudderStack and PostHog server clients send, as the
 * fixtures of libs/compat: each client is pointed at a local recording server, makes its
 * calls, and every request (method, path, the headers that matter, the decoded body) is
 * written to libs/compat/src/fixtures/<vendor>/<call>.json with volatile values made stable.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/src/compat/capture-fixtures.ts
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { posthogScenario, rudderstackScenario, segmentScenario } from './capture-scenarios';
import type { Scenario } from './capture-scenarios';
import { startRecordingServer } from './recording-server';
import type { RecordedRequest } from './recording-server';
import { stabilizeRequest } from './stabilize-request';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const FIXTURES_DIR = path.join(REPO_ROOT, 'libs/compat/src/fixtures');

/** What each vendor's API answers a good request with. */
function vendorAnswer(request: RecordedRequest): { status: number; body: unknown } {
  return request.path.startsWith('/v1/')
    ? { status: 200, body: { success: true } }
    : { status: 200, body: { status: 'Ok' } };
}

function installedVersion(name: string): string {
  const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

interface Fixture {
  client: string;
  call: string;
  request: RecordedRequest;
  answer: { status: number; body: unknown };
}

async function capture(
  scenario: Scenario,
  server: Awaited<ReturnType<typeof startRecordingServer>>,
): Promise<Fixture[]> {
  const fixtures: Fixture[] = [];
  const take = (call: string, from: number) => {
    const requests = server.requests.slice(from);
    requests.forEach((request, index) => {
      const name = requests.length === 1 ? call : `${call}-${index + 1}`;
      const stable = stabilizeRequest(request, scenario.vendor, fixtures.length);
      fixtures.push({
        client: scenario.client,
        call: name,
        request: stable,
        answer: vendorAnswer(request),
      });
    });
  };
  for (const call of scenario.calls) {
    const from = server.requests.length;
    await call.send();
    await server.waitFor(from + 1);
    take(call.name, from);
  }
  const from = server.requests.length;
  await scenario.sendBatch();
  take('batch', from);
  return fixtures;
}

async function formatted(file: string, text: string, parser: string): Promise<string> {
  return format(text, { ...(await resolveConfig(file)), parser });
}

async function writeFixtures(vendor: string, fixtures: Fixture[]): Promise<void> {
  const dir = path.join(FIXTURES_DIR, vendor);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const fixture of fixtures) {
    const file = path.join(dir, `${fixture.call}.json`);
    writeFileSync(file, await formatted(file, JSON.stringify(fixture), 'json'));
  }
  console.log(`${vendor}: ${fixtures.map((f) => f.call).join(', ')}`);
}

/** fixtures/index.ts: every fixture file imported, one list per vendor. */
async function writeIndex(captured: Map<string, Fixture[]>): Promise<void> {
  const camel = (text: string) => text.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  const imports: string[] = [];
  const lists: string[] = [];
  for (const [vendor, fixtures] of captured) {
    const names = fixtures.map((f) => camel(`${vendor}-${f.call}`));
    fixtures.forEach((f, i) =>
      imports.push(`import ${names[i]} from './${vendor}/${f.call}.json';`),
    );
    const list = `${vendor.toUpperCase()}_FIXTURES`;
    lists.push(`export const ${list}: readonly VendorFixture[] = [${names.join(', ')}];`);
  }
  const file = path.join(FIXTURES_DIR, 'index.ts');
  const text = [
    '// Written by tools/src/compat/capture-fixtures.ts: re-run it rather than editing this file.',
    "import type { VendorFixture } from '../vendor-fixture';",
    ...imports,
    '',
    ...lists,
  ].join('\n');
  writeFileSync(file, await formatted(file, text, 'typescript'));
}

async function main(): Promise<void> {
  const server = await startRecordingServer(vendorAnswer);
  try {
    const scenarios = [
      segmentScenario(server.url, installedVersion('@segment/analytics-node')),
      rudderstackScenario(server.url, installedVersion('@rudderstack/rudder-sdk-node')),
      posthogScenario(server.url, installedVersion('posthog-node')),
    ];
    const captured = new Map<string, Fixture[]>();
    for (const scenario of scenarios) {
      const fixtures = await capture(scenario, server);
      await writeFixtures(scenario.vendor, fixtures);
      captured.set(scenario.vendor, fixtures);
    }
    await writeIndex(captured);
  } finally {
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
