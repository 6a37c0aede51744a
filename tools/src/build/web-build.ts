import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundle-app';

/** The Next.js apps `npm start` builds, with what each build is made of. */
const NEXT_APPS = {
  web: ['apps/web/src', 'libs/roi/src', 'libs/schemas/src'],
  console: ['apps/console/src', 'libs/identity/src', 'libs/schemas/src'],
} as const;

export type NextApp = keyof typeof NEXT_APPS;

function newest(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** True when a Next.js app has no production build, or one older than its sources. */
export function nextBuildIsStale(app: NextApp): boolean {
  const buildId = path.join(REPO_ROOT, `apps/${app}/.next/BUILD_ID`);
  if (!existsSync(buildId)) return true;
  const sources = [
    ...NEXT_APPS[app],
    `apps/${app}/next.config.mjs`,
    `apps/${app}/postcss.config.mjs`,
  ];
  return (
    statSync(buildId).mtimeMs < Math.max(...sources.map((s) => newest(path.join(REPO_ROOT, s))))
  );
}
