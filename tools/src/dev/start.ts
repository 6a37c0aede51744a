/**
 * `npm start`: the whole product on one machine. Uses DATABASE_URL when set, else an
 * embedded PostgreSQL with its data under .data/; migrates, keeps partitions ahead, seeds
 * a demo tenant, builds and starts ingest-api (3001, metrics 3101), profile-api (3002, metrics
 * 3102), admin-api (3004, metrics 3104), the worker (metrics 3005), web (3000) and the
 * console (3003).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createDb, maintainPartitions, migrateToLatest } from '@stratum/db';
import { REPO_ROOT, bundleApp } from '../build/bundle-app';
import { nextBuildIsStale } from '../build/web-build';
import type { NextApp } from '../build/web-build';
import { ensureDemoTenant } from './demo-keys';
import type { DemoKeys } from './demo-keys';
import { embeddedDataDirectory, startEmbeddedPostgres } from './embedded-postgres';
import { runPrefixed, waitForHttp } from './processes';

const NEXT_BIN = path.join(REPO_ROOT, 'node_modules/.bin/next');
const PORTS = {
  web: 3000,
  ingest: 3001,
  console: 3003,
  profile: 3002,
  admin: 3004,
  ingestMetrics: 3101,
  profileMetrics: 3102,
  adminMetrics: 3104,
  workerMetrics: 3005,
};
const EMBEDDED_PORT = Number(process.env.STRATUM_EMBEDDED_PG_PORT ?? 54329);

async function main(): Promise<void> {
  const dataDir = path.join(REPO_ROOT, '.data');
  mkdirSync(dataDir, { recursive: true });
  const children: ChildProcess[] = [];
  let stopDatabase: (() => Promise<void>) | undefined;

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await stopDatabase?.();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    step('Using the PostgreSQL server from DATABASE_URL');
  } else {
    const databaseDir = embeddedDataDirectory(dataDir);
    const shown = path.relative(REPO_ROOT, databaseDir).startsWith('..')
      ? `${databaseDir}: the postgres user it runs as cannot reach this checkout`
      : path.relative(REPO_ROOT, databaseDir);
    step(`Starting embedded PostgreSQL (data in ${shown}, port ${EMBEDDED_PORT})`);
    const embedded = await startEmbeddedPostgres(databaseDir, EMBEDDED_PORT);
    databaseUrl = embedded.databaseUrl;
    stopDatabase = embedded.stop;
  }

  step('Applying migrations and creating event partitions');
  const db = createDb({ databaseUrl, applicationName: 'stratum-start' });
  await migrateToLatest(db);
  await maintainPartitions(db);
  const keys = await ensureDemoTenant(db, dataDir);
  await db.destroy();

  step('Building the APIs and the worker');
  const [ingestMain, profileMain, adminMain, workerMain] = await Promise.all([
    bundleApp('ingest-api'),
    bundleApp('profile-api'),
    bundleApp('admin-api'),
    bundleApp('worker'),
  ]);
  for (const app of ['web', 'console'] as const satisfies readonly NextApp[]) {
    if (!nextBuildIsStale(app)) continue;
    step(
      `Building ${app === 'web' ? 'the web site' : 'the console'} (when its sources changed; about a minute)`,
    );
    await new Promise<void>((resolve, reject) => {
      const build = runPrefixed(app, NEXT_BIN, ['build', `apps/${app}`], {
        cwd: REPO_ROOT,
        env: webEnv(),
      });
      build.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`next build apps/${app} exited with ${code}`)),
      );
    });
  }

  step('Starting the services');
  const apiEnv = { ...process.env, DATABASE_URL: databaseUrl };
  children.push(
    runPrefixed('ingest', process.execPath, ['--enable-source-maps', ingestMain], {
      cwd: REPO_ROOT,
      env: { ...apiEnv, PORT: String(PORTS.ingest), METRICS_PORT: String(PORTS.ingestMetrics) },
    }),
    runPrefixed('profile', process.execPath, ['--enable-source-maps', profileMain], {
      cwd: REPO_ROOT,
      env: {
        ...apiEnv,
        PORT: String(PORTS.profile),
        METRICS_PORT: String(PORTS.profileMetrics),
      },
    }),
    runPrefixed('admin', process.execPath, ['--enable-source-maps', adminMain], {
      cwd: REPO_ROOT,
      env: { ...apiEnv, PORT: String(PORTS.admin), METRICS_PORT: String(PORTS.adminMetrics) },
    }),
    runPrefixed('worker', process.execPath, ['--enable-source-maps', workerMain], {
      cwd: REPO_ROOT,
      env: { ...apiEnv, METRICS_PORT: String(PORTS.workerMetrics) },
    }),
    runPrefixed('web', NEXT_BIN, ['start', 'apps/web', '-p', String(PORTS.web)], {
      cwd: REPO_ROOT,
      env: webEnv(),
    }),
    runPrefixed('console', NEXT_BIN, ['start', 'apps/console', '-p', String(PORTS.console)], {
      cwd: REPO_ROOT,
      env: {
        ...webEnv(),
        ADMIN_API_URL: `http://127.0.0.1:${PORTS.admin}`,
        PROFILE_API_URL: `http://127.0.0.1:${PORTS.profile}`,
        CONSOLE_SESSION_SECRET: consoleSecret(dataDir),
        CONSOLE_SECURE_COOKIE: 'false',
      },
    }),
  );
  for (const child of children) child.on('exit', (code) => void (stopping || stop(code ?? 1)));

  await Promise.all([
    waitForHttp(`http://127.0.0.1:${PORTS.ingest}/healthz`, 30_000),
    waitForHttp(`http://127.0.0.1:${PORTS.profile}/healthz`, 30_000),
    waitForHttp(`http://127.0.0.1:${PORTS.admin}/healthz`, 30_000),
    waitForHttp(`http://127.0.0.1:${PORTS.workerMetrics}/healthz`, 30_000),
    waitForHttp(`http://127.0.0.1:${PORTS.web}/`, 60_000),
    waitForHttp(`http://127.0.0.1:${PORTS.console}/sign-in`, 60_000),
  ]);
  printBanner(keys);
}

/** The console's cookie secret, made once and kept in .data/ so sessions outlive a restart. */
function consoleSecret(dataDir: string): string {
  const file = path.join(dataDir, 'console-session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function webEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
}

function step(message: string): void {
  console.log(`\n▸ ${message}`);
}

function printBanner(keys: DemoKeys | undefined): void {
  const lines = [
    '',
    'Stratum CDP is running',
    `  Web site      http://localhost:${PORTS.web}   (ROI calculator: /cdp-roi)`,
    `  Console       http://localhost:${PORTS.console}   (sign in with the secret key below)`,
    `  Ingest API    http://localhost:${PORTS.ingest}   (docs: /docs)`,
    `                metrics: http://localhost:${PORTS.ingestMetrics}/metrics`,
    `  Profile API   http://localhost:${PORTS.profile}   (docs: /docs)`,
    `                metrics: http://localhost:${PORTS.profileMetrics}/metrics`,
    `  Admin API     http://localhost:${PORTS.admin}   (docs: /docs; sources and keys, internal only)`,
    `                metrics: http://localhost:${PORTS.adminMetrics}/metrics`,
    `  Worker        metrics: http://localhost:${PORTS.workerMetrics}/metrics   (partitions and retention daily)`,
  ];
  if (keys) {
    lines.push(
      '',
      'Demo tenant "Demo Company"',
      `  Write key (events:write)   ${keys.writeKey}`,
      `  Secret key (admin APIs)    ${keys.secretKey}`,
      '',
      'Try it:',
      `  curl -s http://localhost:${PORTS.ingest}/api/v1/cdp/events \\`,
      `    -H "Authorization: Bearer ${keys.writeKey}" -H "Content-Type: application/json" \\`,
      `    -d '{"event_id":"demo-1","type":"track","name":"Signed Up","identifiers":[{"type":"email","value":"jane@example.com"}]}'`,
      `  curl -s http://localhost:${PORTS.admin}/api/v1/cdp/sources -H "Authorization: Bearer ${keys.secretKey}"`,
    );
  } else {
    lines.push(
      '',
      'The demo tenant exists but its keys are not in .data/demo-keys.json: create new ones with `npm run cdp -- key create`.',
    );
  }
  lines.push('', 'Press Ctrl+C to stop.');
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
