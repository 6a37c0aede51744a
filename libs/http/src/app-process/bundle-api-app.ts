import path from 'node:path';
import { build } from 'esbuild';
import { WORKSPACE_ROOT } from './workspace-root';
import type { ApiAppName } from './workspace-root';

export interface BundleApiAppOptions {
  /** Write `<outfile>.map` beside it (for `node --enable-source-maps`). */
  sourcemap?: boolean;
}

/**
 * Bundles `apps/<app>/src/main.ts` into `outfile` as `nx build <app>` does: workspace libraries
 * inlined through tsconfig.base.json's paths, npm packages left external (so the bundle runs
 * from inside the repository, or with NODE_PATH at its node_modules). Resolves with `outfile`.
 */
export async function bundleApiApp(
  app: ApiAppName,
  outfile: string,
  options: BundleApiAppOptions = {},
): Promise<string> {
  await build({
    entryPoints: [path.join(WORKSPACE_ROOT, 'apps', app, 'src/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: options.sourcemap ?? false,
    packages: 'external',
    tsconfig: path.join(WORKSPACE_ROOT, 'tsconfig.base.json'),
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
