import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkFileLinks, extractLinks, headingAnchors, headingSlug } from './markdown-links';

describe('extractLinks', () => {
  it('finds inline links, images and reference definitions, not code', () => {
    const markdown = [
      'See [the schema](SCHEMA.md#keys) and ![logo](img/logo.png "Logo").',
      'Code: `[not](a-link.md)`',
      '```md',
      '[also not](fenced.md)',
      '```',
      '[ref]: ../README.md',
      '<https://example.com> and [web](https://example.com/x)',
    ].join('\n');
    expect(extractLinks(markdown)).toEqual([
      { target: 'SCHEMA.md#keys', line: 1 },
      { target: 'img/logo.png', line: 1 },
      { target: '../README.md', line: 6 },
      { target: 'https://example.com/x', line: 7 },
    ]);
  });
});

describe('headingSlug', () => {
  it.each([
    ['Migrate and roll back', 'migrate-and-roll-back'],
    ["Find one customer's events safely", 'find-one-customers-events-safely'],
    ['Alerts: what each means and what to do', 'alerts-what-each-means-and-what-to-do'],
    ['`cdp_events`: the event store (partitioned)', 'cdp_events-the-event-store-partitioned'],
    ['1. Events per profile over a period', '1-events-per-profile-over-a-period'],
    ['Privacy — by design', 'privacy--by-design'],
    ['StratumDatabaseDown', 'stratumdatabasedown'],
  ])('%s → #%s', (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });

  it('numbers repeated headings as GitHub does, and ignores fenced ones', () => {
    const anchors = headingAnchors('# Notes\n## Notes\n```\n# Fenced\n```\n### Notes #\n');
    expect([...anchors]).toEqual(['notes', 'notes-1', 'notes-2']);
  });
});

describe('checkFileLinks', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'links-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'b.md'), '# Bee\n## Second part\n');
    writeFileSync(path.join(dir, 'data.json'), '{}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function check(markdown: string) {
    const file = path.join(dir, 'a.md');
    writeFileSync(file, markdown);
    return checkFileLinks(file).map((b) => [b.target, b.reason]);
  }

  it('accepts files, directories, anchors in this and other files, and external links', () => {
    expect(
      check(
        '# Top\n[b](sub/b.md) [dir](sub/) [part](sub/b.md#second-part) [top](#top) ' +
          '[json](data.json) [web](https://example.com/missing.md#nope) [mail](mailto:a@b.c)\n',
      ),
    ).toEqual([]);
  });

  it('reports missing files, missing anchors and anchors into non-Markdown files', () => {
    expect(
      check('# Top\n[x](missing.md) [y](sub/b.md#third) [z](#nowhere) [j](data.json#a)\n'),
    ).toEqual([
      ['missing.md', 'no such file or directory'],
      ['sub/b.md#third', 'no heading with anchor #third'],
      ['#nowhere', 'no heading with anchor #nowhere'],
      ['data.json#a', 'an anchor into something that is not a Markdown file'],
    ]);
  });
});
