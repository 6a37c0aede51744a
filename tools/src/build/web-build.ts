import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundle-app';

const SOURCES = [
  'apps/web/src',
  'apps/web/next.config.mjs',
  'apps/web/postcss.config.mjs',
  'libs/roi/src',
  'libs/schemas/src',
];

function newest(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** True when the web site has no production build, or one older than its sources. */
export function webBuildIsStale(): boolean {
  const buildId = path.join(REPO_ROOT, 'apps/web/.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  return (
    statSync(buildId).mtimeMs < Math.max(...SOURCES.map((s) => newest(path.join(REPO_ROOT, s))))
  );
}
