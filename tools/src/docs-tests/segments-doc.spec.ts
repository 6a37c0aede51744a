// Every definition shown in docs/SEGMENTS.md must be one the API accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEGMENT_LIMITS, SegmentDefinitionSchema, formatIssues } from '@stratum/schemas';
import { extractJsonBlocks } from './json-blocks';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'SEGMENTS.md');

describe('docs/SEGMENTS.md', () => {
  const markdown = readFileSync(DOC, 'utf8');
  const blocks = extractJsonBlocks(markdown);

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((block) => [block.line, block.text] as const))(
    'the definition at line %i parses',
    (_line, text) => {
      const result = SegmentDefinitionSchema.safeParse(JSON.parse(text));
      expect(result.success ? [] : formatIssues(result.error)).toEqual([]);
    },
  );

  it('states the limits the schema enforces', () => {
    const prose = markdown.replace(/\s+/g, ' ');
    expect(prose).toContain(`nest at most ${SEGMENT_LIMITS.maxDepth} deep`);
    expect(prose).toContain(`at most ${SEGMENT_LIMITS.maxConditions} conditions`);
  });
});

describe('extractJsonBlocks', () => {
  it('reads json blocks only, with their line', () => {
    const markdown = [
      '# T',
      '```json',
      '{"a": 1}',
      '```',
      '```text',
      'x',
      '```',
      '```json',
      '[]',
      '```',
    ];
    expect(extractJsonBlocks(markdown.join('\n'))).toEqual([
      { line: 2, text: '{"a": 1}' },
      { line: 8, text: '[]' },
    ]);
  });

  it('refuses an unclosed block', () => {
    expect(() => extractJsonBlocks('```json\n{}')).toThrow('line 1: unclosed json block');
  });
});
