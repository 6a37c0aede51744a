import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createIngestTestApp } from '../../testing/ingest-test-app';
import type { IngestTestApp } from '../../testing/ingest-test-app';

/**
 * The SDK as its users get it: built, packed with `npm pack`, installed offline from the
 * tarball into a project of its own outside the monorepo, then used through `require` and
 * `import` against the real ingest API. Async child processes only: the API answers from
 * this process.
 */
const run = promisify(execFile);
const repo = resolve(__dirname, '../../../../..');
const clientDir = join(repo, 'libs/client');

let work: string;
let scratch: string;
let packed: { files: { path: string }[] };
let t: IngestTestApp;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'stratum-client-package-'));
  // Built into a staging copy, not libs/client/dist, so concurrent runs do not collide;
  // the script and package.json are the ones `npm pack` (prepack) and `nx build` use.
  const staging = join(work, 'package');
  mkdirSync(staging);
  await run(process.execPath, [join(clientDir, 'scripts/build.mjs'), join(staging, 'dist')]);
  for (const file of ['package.json', 'README.md']) {
    copyFileSync(join(clientDir, file), join(staging, file));
  }
  const pack = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
    {
      cwd: staging,
    },
  );
  packed = (JSON.parse(pack.stdout) as (typeof packed & { filename: string })[])[0]!;
  const tarball = join(work, (packed as unknown as { filename: string }).filename);

  scratch = join(work, 'app');
  mkdirSync(scratch);
  writeFileSync(join(scratch, 'package.json'), '{ "name": "scratch", "private": true }\n');
  await run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund'], { cwd: scratch });
  for (const script of ['send.cjs', 'send.mjs', 'leave-page.mjs']) {
    copyFileSync(join(__dirname, script), join(scratch, script));
  }

  t = await createIngestTestApp();
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  if (server) await new Promise((done) => server.close(done));
  if (t) await t.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function runScript(script: string, prefix: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    [script, endpoint, t.tenant.writeKey.key, prefix],
    {
      cwd: scratch,
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function storedEvents(ids: string[]) {
  return t.testDb.db
    .selectFrom('cdp_events')
    .select(['event_id', 'type', 'name', 'identifiers', 'properties', 'traits', 'context'])
    .where('tenant_id', '=', t.tenant.tenant.tenantId)
    .where('event_id', 'in', ids)
    .execute();
}

describe('the packed @stratum-cdp/client', () => {
  it('ships the bundles and declarations only, and depends on nothing', () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toEqual([
      'README.md',
      'dist/index.cjs',
      'dist/index.mjs',
      ...files.filter((f) => f.startsWith('dist/types/')),
      'package.json',
    ]);
    expect(files).toContain('dist/types/index.d.ts');
    expect(files).toContain('dist/types/index.d.mts');
    const manifest = JSON.parse(
      readFileSync(join(scratch, 'node_modules/@stratum-cdp/client/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: '@stratum-cdp/client', sideEffects: false });
    expect(manifest).not.toHaveProperty('private');
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest).not.toHaveProperty('peerDependencies');
  });

  it.each([
    ['require', 'send.cjs'],
    ['import', 'send.mjs'],
  ])('delivers events through %s', async (how, script) => {
    const out = (await runScript(script, `pkg-${how}`)) as { result: unknown; ids: string[] };
    expect(out.result).toEqual({ accepted: 3, duplicates: 0, rejected: 0, failed: 0 });
    const rows = await storedEvents(out.ids);
    expect(rows.map((r) => [r.type, r.name]).sort()).toEqual([
      ['identify', null],
      ['page', 'Pricing'],
      ['track', 'Signed Up'],
    ]);
    expect(rows.find((r) => r.type === 'track')!.properties).toEqual({ via: how });
  });

  it('sends a left page queue by keepalive fetch and by beacon, stored alike', async () => {
    const out = (await runScript('leave-page.mjs', 'pkg-page')) as {
      unload: { keepalive: number; beacon: number; kept: number };
      beaconStatuses: number[];
      result: { accepted: number; failed: number };
      ids: string[];
    };
    expect(out.unload.keepalive).toBeGreaterThan(0);
    expect(out.unload.beacon).toBeGreaterThan(0);
    expect(out.unload).toMatchObject({ kept: 0 });
    expect(out.unload.keepalive + out.unload.beacon).toBe(24);
    expect(out.beaconStatuses.every((s) => s === 200)).toBe(true);
    // The keepalive requests had ended before close(), which counts only what it awaits.
    expect(out.result).toMatchObject({ failed: 0 });

    const rows = await storedEvents(out.ids);
    expect(rows).toHaveLength(24);
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    const comparable = (id: string) => {
      const { type, name, traits, context, properties, identifiers } = byId.get(id)!;
      const sorted = [...identifiers].sort((a, b) => a.type.localeCompare(b.type));
      return {
        type,
        name,
        traits,
        context,
        identifiers: sorted,
        properties: { ...properties, i: 0 },
      };
    };
    const first = out.ids[0]!;
    const last = out.ids[23]!;
    // The first event went by keepalive, the last by beacon: the same row either way.
    expect(comparable(last)).toEqual(comparable(first));
    expect(comparable(first).identifiers.map((i) => i.type)).toEqual(['anonymous_id', 'email']);
  });

  it('has declarations that type-check for ESM and CJS readers', async () => {
    writeFileSync(
      join(scratch, 'check.mts'),
      `import { StratumClient, type FlushResult } from '@stratum-cdp/client';
const c = new StratumClient({ writeKey: 'k' });
const r: Promise<FlushResult> = c.close();
void r;
`,
    );
    writeFileSync(
      join(scratch, 'check.cts'),
      `import { StratumClient, DeliveryError } from '@stratum-cdp/client';
const c = new StratumClient({ writeKey: 'k', onError: (e: DeliveryError) => e.eventIds });
c.track('A', { identifiers: [{ type: 'email', value: 'a@b.co' }] });
`,
    );
    // A reader with no @types/node: the declarations must stand on the DOM's fetch types.
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2022', 'dom'],
          types: [],
        },
        files: ['check.mts', 'check.cts'],
      }),
    );
    const tsc = run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', '.'], {
      cwd: scratch,
    });
    // tsc reports on stdout: show it when it fails.
    const failure = await tsc.then(
      () => '',
      (error: Error & { stdout?: string }) => error.stdout ?? error.message,
    );
    expect(failure).toBe('');
  }, 30_000);
});
