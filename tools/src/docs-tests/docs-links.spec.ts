import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkFileLinks, extractLinks } from './markdown-links';

const ROOT = path.resolve(__dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

const FILES = [
  path.join(ROOT, 'README.md'),
  path.join(ROOT, 'CHANGELOG.md'),
  ...markdownFiles(path.join(ROOT, 'docs')),
];

describe('links of the documentation', () => {
  it.each(FILES.map((f) => [path.relative(ROOT, f), f]))(
    '%s: every relative link resolves',
    (_name, file) => {
      expect(checkFileLinks(file).map((b) => `line ${b.line}: ${b.target}: ${b.reason}`)).toEqual(
        [],
      );
    },
  );

  it('README.md links every document of docs/', () => {
    const readme = path.join(ROOT, 'README.md');
    const linked = new Set(
      extractLinks(readFileSync(readme, 'utf8')).map((l) =>
        path.resolve(ROOT, l.target.split('#')[0]!),
      ),
    );
    const docs = markdownFiles(path.join(ROOT, 'docs'));
    expect(docs.filter((d) => !linked.has(d)).map((d) => path.relative(ROOT, d))).toEqual([]);
  });
});
