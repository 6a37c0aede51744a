import semver from 'semver';

/** The parts of a package-lock.json (lockfileVersion 3) these checks read. */
export interface Lockfile {
  packages: Record<string, LockedPackage>;
}

interface LockedPackage {
  name?: string;
  version?: string;
  optional?: boolean;
  engines?: { node?: string };
  optionalDependencies?: Record<string, string>;
}

/**
 * The optional dependencies that the lock does not hold. npm writes a lock on one system;
 * when it leaves out the platform packages of the others (darwin, windows, musl builds of
 * swc, next, tailwind's oxide), `npm ci` refuses the lock everywhere.
 * @returns `dependent → missing` pairs, empty when the lock is whole
 */
export function missingOptionalPackages(lock: Lockfile): string[] {
  const missing: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (resolveFrom(lock, location, name) === undefined) {
        missing.push(`${location || '(root)'} → ${name}`);
      }
    }
  }
  return missing;
}

/**
 * The installed packages whose `engines.node` does not accept every Node version that the
 * project declares. Optional packages are left out: they are other systems' binaries.
 */
export function enginesNotMet(lock: Lockfile, declared: string): string[] {
  return Object.entries(lock.packages)
    .filter(([location, entry]) => location !== '' && entry.optional !== true)
    .filter(([, entry]) => entry.engines?.node !== undefined)
    .filter(([, entry]) => !semver.subset(declared, entry.engines!.node!))
    .map(([location, entry]) => `${location} needs node ${entry.engines!.node}`);
}

/**
 * The workspaces (folders with a package.json, such as `libs/segments`) that the lock does
 * not hold: a new app or library added without `npm install` makes `npm ci` refuse the lock.
 */
export function missingWorkspaces(lock: Lockfile, workspaces: readonly string[]): string[] {
  return workspaces.filter((folder) => lock.packages[folder] === undefined);
}

/** Where Node would find `name` from the package at `location`, as npm lays them out. */
function resolveFrom(lock: Lockfile, location: string, name: string): string | undefined {
  let base = location;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}
