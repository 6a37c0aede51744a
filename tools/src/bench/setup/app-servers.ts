import type { ChildProcess } from 'node:child_process';
import { REPO_ROOT, bundleApp } from '../../build/bundle-app';
import { runPrefixed, waitForHttp } from '../../dev/processes';
import { findFreePort } from './free-port';

/** One API running as its own process. */
interface RunningApp {
  url: string;
  /** Its metrics listener, e.g. `http://127.0.0.1:41234` (GET /metrics). */
  metricsUrl: string;
  pid: number;
  process: ChildProcess;
}

export interface AppServers {
  ingest: RunningApp;
  profile: RunningApp;
  /** The worker: its `url` and `metricsUrl` are both its metrics listener. */
  worker: RunningApp;
  /** SIGTERM to all three (graceful drain, which also writes a --cpu-prof profile), then wait. */
  stop: () => Promise<void>;
}

/** What the benchmark sets in the apps' environment; reported with the figures. */
export interface AppEnvironment {
  DATABASE_URL: string;
  LOG_LEVEL: 'warn';
  RATE_LIMIT_PER_MINUTE: string;
  NODE_ENV: 'production';
}

/**
 * What the benchmark sets in the worker's environment alone: the deliveries phase's receiver
 * listens on 127.0.0.1, which a deployment's worker refuses to call.
 */
export const BENCH_WORKER_ENV = { DESTINATIONS_ALLOW_PRIVATE: 'true' } as const;

export interface StartAppsOptions {
  env: AppEnvironment;
  ingestPoolMax: number;
  /** Node flags for the ingest API (e.g. --cpu-prof). */
  ingestNodeFlags: string[];
}

/**
 * Builds both APIs and the worker in production mode (bundled, as `nx build` does) and
 * starts them as real processes on free ports; resolves once all three answer /readyz. The
 * worker runs with its defaults but {@link BENCH_WORKER_ENV}: it follows the change feed for
 * segment membership and destinations all along, as in a deployment.
 */
export async function startApps(options: StartAppsOptions): Promise<AppServers> {
  const [ingestMain, profileMain, workerMain] = await Promise.all([
    bundleApp('ingest-api'),
    bundleApp('profile-api'),
    bundleApp('worker'),
  ]);
  const start = async (
    name: string,
    main: string,
    extra: Record<string, string>,
    flags: string[],
  ): Promise<RunningApp> => {
    const [port, metricsPort] = [await findFreePort(), await findFreePort()];
    // The worker listens on its metrics port only.
    const url = `http://127.0.0.1:${name === 'worker' ? metricsPort : port}`;
    const child = runPrefixed(name, process.execPath, [...flags, main], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...options.env,
        ...extra,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        // Empty is unset: the benchmark scrapes its own apps without a token.
        METRICS_TOKEN: '',
        HOST: '127.0.0.1',
      },
    });
    if (child.pid === undefined) throw new Error(`${name} did not start`);
    return {
      url,
      metricsUrl: `http://127.0.0.1:${metricsPort}`,
      pid: child.pid,
      process: child,
    };
  };
  const ingest = await start(
    'ingest-api',
    ingestMain,
    { DB_POOL_MAX: String(options.ingestPoolMax) },
    options.ingestNodeFlags,
  );
  const profile = await start('profile-api', profileMain, {}, []);
  const worker = await start('worker', workerMain, BENCH_WORKER_ENV, []);
  const apps = [ingest, profile, worker];
  const stop = async () => {
    await Promise.all(apps.map((app) => stopProcess(app.process)));
  };
  try {
    await Promise.all(apps.map((app) => waitForHttp(`${app.url}/readyz`, 30_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { ingest, profile, worker, stop };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
