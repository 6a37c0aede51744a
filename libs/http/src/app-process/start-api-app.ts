import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleApiApp } from './bundle-api-app';
import { startAppProcess } from './start-app-process';
import type { RunningApp, StartAppOptions } from './start-app-process';
import type { ApiAppName } from './workspace-root';

/**
 * An API as it ships, for tests that need the real process on a real socket (another app's
 * API included, which no app may import): `apps/<app>/src/main.ts` bundled as `nx build`
 * bundles it, run by node with `options.env` on free ports of 127.0.0.1, resolved once
 * `/healthz` answers. Its `stop()` is the SIGTERM drain; it also removes the bundle. Rejects
 * with {@link AppExitedError} when the app exits first (a bad configuration, say).
 */
export async function startApiApp(
  app: ApiAppName,
  options: StartAppOptions = {},
): Promise<RunningApp> {
  const dir = mkdtempSync(path.join(tmpdir(), `${app}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const running = await startAppProcess(
      await bundleApiApp(app, path.join(dir, 'main.js')),
      options,
    );
    const stop = async (graceMs?: number) => {
      try {
        return await running.stop(graceMs);
      } finally {
        remove();
      }
    };
    return { ...running, stop };
  } catch (error) {
    remove();
    throw error;
  }
}
