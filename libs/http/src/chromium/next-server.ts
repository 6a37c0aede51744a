/**
 * A Next.js app's production build served by `next start` for browser tests: built when the
 * build is missing or older than its sources, on a free port, stopped at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const NEXT_BIN = require.resolve('next/dist/bin/next', { paths: [REPO_ROOT] });

export interface NextServer {
  url: string;
  stop: () => Promise<void>;
}

function newestSourceTime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return /\.spec\.tsx?$/.test(entry) ? 0 : stats.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestSourceTime(path.join(entry, name))));
}

/**
 * Builds `app` (a path from the repository root, e.g. `apps/web`) unless its build is newer
 * than every source: its `src`, its config files and `libs` (relative paths too).
 */
export function buildIfStale(app: string, libs: readonly string[]): void {
  const root = path.join(REPO_ROOT, app);
  const sources = [
    path.join(root, 'src'),
    path.join(root, 'next.config.mjs'),
    path.join(root, 'postcss.config.mjs'),
    ...libs.map((lib) => path.join(REPO_ROOT, lib)),
  ];
  const buildId = path.join(root, '.next/BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (built > Math.max(...sources.map(newestSourceTime))) return;
  const build = spawnSync(process.execPath, [NEXT_BIN, 'build', app], {
    cwd: REPO_ROOT,
    // eslint-disable-next-line no-restricted-properties -- the build inherits the test's environment
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`next build ${app} failed:\n${build.stdout}\n${build.stderr}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited early:\n${log()}`);
    try {
      if ((await fetch(url, { redirect: 'manual' })).status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer within 60 s:\n${log()}`);
}

/** Serves the build of `app` with `next start` on a free port, with `env` added. */
export async function startNextServer(
  app: string,
  env: Record<string, string> = {},
): Promise<NextServer> {
  const port = await freePort();
  let output = '';
  const server = spawn(
    process.execPath,
    [NEXT_BIN, 'start', app, '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: REPO_ROOT,
      // eslint-disable-next-line no-restricted-properties -- the server inherits the test's environment
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(`${url}/`, server, () => output);
  return {
    url,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
  };
}
