import { runAppProcess } from './app-process';
import type { AppProcess } from './app-process';
import { freePorts } from './free-ports';

/** An app that exited before it answered `/healthz`, with what it wrote. */
export class AppExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`the app exited with code ${String(code)} before answering /healthz:\n${output}`);
    this.name = 'AppExitedError';
  }
}

/** An app process that answers HTTP. */
export interface RunningApp extends AppProcess {
  /** `http://127.0.0.1:<PORT>`. */
  url: string;
  /** `http://127.0.0.1:<METRICS_PORT>`, where `GET /metrics` is served. */
  metricsUrl: string;
}

export interface StartAppOptions {
  /** Added to HOST=127.0.0.1 and free PORT and METRICS_PORT, which it may override. */
  env?: Record<string, string>;
  /** How long to wait for `/healthz`; default 20 s. */
  timeoutMs?: number;
  /**
   * The app listens on METRICS_PORT only (the worker): no PORT is given, `/healthz` is asked
   * there and `url` is that listener too.
   */
  metricsOnly?: boolean;
}

/**
 * Runs `script` (see {@link runAppProcess}) listening on free ports of 127.0.0.1, and resolves
 * once `GET /healthz` answers 200. Rejects with {@link AppExitedError} when it exits first, and
 * stops it when it does not answer in time.
 */
export async function startAppProcess(
  script: string,
  options: StartAppOptions = {},
): Promise<RunningApp> {
  const [port, metricsPort] = await freePorts(2);
  const ports: Record<string, string> = options.metricsOnly === true ? {} : { PORT: String(port) };
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    ...ports,
    METRICS_PORT: String(metricsPort),
    ...options.env,
  };
  const app = runAppProcess(script, env);
  const metricsUrl = `http://${env['HOST']}:${env['METRICS_PORT']}`;
  const running = {
    ...app,
    url: options.metricsOnly === true ? metricsUrl : `http://${env['HOST']}:${env['PORT']}`,
    metricsUrl,
  };
  try {
    await waitForHealth(running, options.timeoutMs ?? 20_000);
  } catch (error) {
    await app.stop(1000);
    throw error;
  }
  return running;
}

async function waitForHealth(app: RunningApp, timeoutMs: number): Promise<void> {
  let exit: { code: number | null } | undefined;
  void app.exited.then((code) => (exit = { code }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit !== undefined) throw new AppExitedError(exit.code, app.output());
    if (await answersHealthz(app.url)) return;
    if (Date.now() > deadline) {
      throw new Error(`no answer from ${app.url}/healthz in ${timeoutMs} ms:\n${app.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function answersHealthz(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    // Not listening yet.
    return false;
  }
}
