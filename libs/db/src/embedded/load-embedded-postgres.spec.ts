import { mkdirSync, mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reachableByOthers } from './load-embedded-postgres';

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
