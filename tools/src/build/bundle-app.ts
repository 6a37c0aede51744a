import path from 'node:path';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Bundles an API app into dist/apps/<app>/main.js (workspace libs inlined, npm packages
 * left external), the same output as `nx build <app>`.
 */
export async function bundleApp(app: 'ingest-api' | 'profile-api'): Promise<string> {
  const outfile = path.join(REPO_ROOT, 'dist/apps', app, 'main.js');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'apps', app, 'src/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    packages: 'external',
    tsconfig: path.join(REPO_ROOT, 'tsconfig.base.json'),
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
