import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';

// main.ts as it ships: bundled the way `nx build` and `npm start` bundle it, run by node.
const ROOT = path.join(__dirname, '..', '..', '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'profile-api-main-'));
const mainJs = path.join(outDir, 'main.js');

let database: TestDatabase;

beforeAll(async () => {
  await build({
    entryPoints: [path.join(__dirname, 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(ROOT, 'tsconfig.base.json'),
    outfile: mainJs,
    logLevel: 'warning',
  });
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database.destroy();
  rmSync(outDir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  let output = '';
  const child = spawn(process.execPath, [mainJs], {
    cwd: ROOT,
    // Packages stay external in the bundle: resolve them from the repository.
    env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(ROOT, 'node_modules'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('main', () => {
  it('exits 1 naming every bad variable', async () => {
    const started = run({ PORT: 'eighty' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('DATABASE_URL: is required');
    expect(started.output()).toContain('PORT: must be an integer');
  });

  it('serves on PORT and metrics on METRICS_PORT, then drains and exits 0 on SIGTERM', async () => {
    const tenant = await createTestTenant(database.db);
    const [port, metricsPort] = [await freePort(), await freePort()];
    const token = 'profile-metrics-token-0123';
    const started = run({
      DATABASE_URL: database.url,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: token,
      HOST: '127.0.0.1',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor(() => started.output().includes(`listening on ${url}`), 'the server to listen');
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
      const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      expect((await fetch(metricsUrl)).status).toBe(401);
      const scraped = await fetch(metricsUrl, { headers: { Authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('cdp_profile_lookups_total');
      const unknown = await fetch(
        `${url}/api/v1/cdp/profiles/00000000-0000-4000-8000-000000000000`,
        {
          headers: { Authorization: `Bearer ${tenant.secretKey.key}` },
        },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('x-request-id')).toBeTruthy();

      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      expect(started.output()).toContain('"message":"stopped"');
    } finally {
      started.child.kill('SIGKILL');
    }
  }, 30_000);
});
