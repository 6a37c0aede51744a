import { extractQueries, queryParameters, substituteParameters } from './sql-blocks';

describe('extractQueries', () => {
  it('reads each sql block with its id and index from the comment before it', () => {
    const markdown = [
      '# Q',
      '<!-- query: first index: some_idx -->',
      '',
      '```sql',
      "SELECT 1 WHERE x = :'a';",
      '```',
      '```bash',
      'psql -v a=1',
      '```',
      '<!-- query: second -->',
      '```sql',
      'SELECT 2',
      '```',
    ].join('\n');
    expect(extractQueries(markdown)).toEqual([
      { id: 'first', index: 'some_idx', sql: "SELECT 1 WHERE x = :'a';", line: 4 },
      { id: 'second', index: undefined, sql: 'SELECT 2', line: 11 },
    ]);
  });

  it.each([
    ['a sql block without a comment', '```sql\nSELECT 1\n```', 'line 1: sql block without'],
    ['a comment without a block', '<!-- query: q -->\ntext', 'line 1: query comment without'],
    ['two comments in a row', '<!-- query: a -->\n<!-- query: b -->', 'line 1: query comment'],
    ['an unclosed block', '<!-- query: a -->\n```sql\nSELECT 1', 'line 2: unclosed'],
  ])('refuses %s', (_label, markdown, message) => {
    expect(() => extractQueries(markdown)).toThrow(message);
  });
});

describe('parameters', () => {
  const sql = "SELECT * FROM t WHERE a = :'tenant_id' AND b::text = :'name' AND c = :'tenant_id';";

  it('lists the psql variables once each', () => {
    expect(queryParameters(sql)).toEqual(['tenant_id', 'name']);
  });

  it('substitutes quoted literals as psql does, doubling quotes, and drops the semicolon', () => {
    expect(substituteParameters(sql, { tenant_id: 't1', name: "O'Brien" })).toBe(
      "SELECT * FROM t WHERE a = 't1' AND b::text = 'O''Brien' AND c = 't1'",
    );
  });

  it('refuses a missing value and an unquoted variable', () => {
    expect(() => substituteParameters(sql, { tenant_id: 't1' })).toThrow("no value for :'name'");
    expect(() => substituteParameters('SELECT :limit', {})).toThrow(
      'unquoted psql variable :limit',
    );
  });
});
