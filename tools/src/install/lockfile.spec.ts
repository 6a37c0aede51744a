import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { enginesNotMet, missingOptionalPackages, missingWorkspaces } from './lockfile';
import type { Lockfile } from './lockfile';

const ROOT = path.resolve(__dirname, '../../..');
const readJson = <T>(file: string): T =>
  JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as T;

const lock = readJson<Lockfile>('package-lock.json');
const declaredNode = readJson<{ engines: { node: string } }>('package.json').engines.node;

/** Every folder of apps/ and libs/ with a package.json, and tools/: the npm workspaces. */
const workspaceFolders = [
  ...['apps', 'libs'].flatMap((parent) =>
    readdirSync(path.join(ROOT, parent)).map((name) => `${parent}/${name}`),
  ),
  'tools',
].filter((folder) => existsSync(path.join(ROOT, folder, 'package.json')));

describe('package-lock.json', () => {
  it('holds every workspace', () => {
    expect(workspaceFolders.length).toBeGreaterThan(10);
    expect(missingWorkspaces(lock, workspaceFolders)).toEqual([]);
  });

  it('holds every platform package that any locked package lists as optional', () => {
    expect(missingOptionalPackages(lock)).toEqual([]);
  });

  it('holds only packages that run on every Node version package.json declares', () => {
    expect(enginesNotMet(lock, declaredNode)).toEqual([]);
  });

  it('declares a Node version range that includes the Node running the tests', () => {
    expect(semver.satisfies(process.version, declaredNode)).toBe(true);
  });
});

describe('missingOptionalPackages', () => {
  const swc = (optional: Record<string, unknown>): Lockfile => ({
    packages: {
      '': { name: 'app' },
      'node_modules/@swc/core': {
        version: '1.0.0',
        optionalDependencies: {
          '@swc/core-darwin-arm64': '1.0.0',
          '@swc/core-linux-x64-gnu': '1.0.0',
        },
      },
      ...optional,
    },
  });

  it('names each optional dependency the lock lacks', () => {
    const lacking = swc({ 'node_modules/@swc/core-linux-x64-gnu': { optional: true } });
    expect(missingOptionalPackages(lacking)).toEqual([
      'node_modules/@swc/core → @swc/core-darwin-arm64',
    ]);
  });

  it('finds a dependency nested under its dependent or hoisted to the top', () => {
    const whole = swc({
      'node_modules/@swc/core/node_modules/@swc/core-darwin-arm64': { optional: true },
      'node_modules/@swc/core-linux-x64-gnu': { optional: true },
    });
    expect(missingOptionalPackages(whole)).toEqual([]);
  });
});

describe('missingWorkspaces', () => {
  it('names the workspaces the lock lacks', () => {
    const locked: Lockfile = { packages: { '': {}, 'libs/db': {} } };
    expect(missingWorkspaces(locked, ['libs/db', 'libs/segments'])).toEqual(['libs/segments']);
  });
});

describe('enginesNotMet', () => {
  const locked: Lockfile = {
    packages: {
      '': { engines: { node: '>=99' } },
      'node_modules/modern': { engines: { node: '>=22' } },
      'node_modules/fine': { engines: { node: '^20.0.0 || >=22' } },
      'node_modules/other-system': { optional: true, engines: { node: '>=24' } },
    },
  };

  it('names the packages that refuse a declared Node version, not other systems’ binaries', () => {
    expect(enginesNotMet(locked, '^20.19.0 || >=22.13.0')).toEqual([
      'node_modules/modern needs node >=22',
    ]);
  });
});
