import path from 'node:path';
import { bundleApiApp } from '@stratum/http/testing';
import type { ApiAppName } from '@stratum/http/testing';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Bundles an API app into dist/apps/<app>/main.js with its source map, the same output as
 * `nx build <app>`. The bundling itself is the one the tests run the apps with.
 */
export function bundleApp(app: ApiAppName): Promise<string> {
  return bundleApiApp(app, path.join(REPO_ROOT, 'dist/apps', app, 'main.js'), { sourcemap: true });
}
