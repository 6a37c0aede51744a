/**
 * Reads the queries of docs/QUERY_PATTERNS.md: each ```sql block preceded by a
 * `<!-- query: <id> index: <index name> -->` comment, with psql variables (`:'name'`).
 */

/** One documented query. */
export interface DocumentedQuery {
  id: string;
  /** The index the doc says the event scans use, when it says one. */
  index: string | undefined;
  sql: string;
  /** 1-based line of the opening fence. */
  line: number;
}

const QUERY_COMMENT = /^<!--\s*query:\s*([\w-]+)(?:\s+index:\s*([\w]+))?\s*-->$/;

/**
 * The ```sql blocks of `markdown` with their metadata comment.
 * @throws when a sql block has no comment or a comment has no block: every query is checked
 */
export function extractQueries(markdown: string): DocumentedQuery[] {
  const lines = markdown.split('\n');
  const queries: DocumentedQuery[] = [];
  let pending: { id: string; index: string | undefined; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    const comment = QUERY_COMMENT.exec(text);
    if (comment) {
      if (pending) throw new Error(`line ${pending.line}: query comment without a sql block`);
      pending = { id: comment[1]!, index: comment[2], line: i + 1 };
      continue;
    }
    if (text !== '```sql') continue;
    if (!pending) throw new Error(`line ${i + 1}: sql block without a <!-- query: … --> comment`);
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    if (end === -1) throw new Error(`line ${i + 1}: unclosed sql block`);
    queries.push({
      id: pending.id,
      index: pending.index,
      sql: lines.slice(i + 1, end).join('\n'),
      line: i + 1,
    });
    pending = undefined;
    i = end;
  }
  if (pending) throw new Error(`line ${pending.line}: query comment without a sql block`);
  return queries;
}

/** The psql variables a query uses (`:'name'`), each once, in order of appearance. */
export function queryParameters(sql: string): string[] {
  return [...new Set([...sql.matchAll(/:'(\w+)'/g)].map((m) => m[1]!))];
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Substitutes psql variables as psql does for `:'name'`: the value as a quoted literal.
 * A trailing semicolon is removed so the result can follow `EXPLAIN`.
 * @throws when a variable has no value, or an unquoted `:name` is used (psql would insert it
 * raw, an injection the docs must not teach)
 */
export function substituteParameters(
  sql: string,
  values: Readonly<Record<string, string>>,
): string {
  const bare = /(?<![:\w]):(\w+)/.exec(sql.replace(/:'\w+'/g, ''));
  if (bare) throw new Error(`unquoted psql variable :${bare[1]}; write :'${bare[1]}'`);
  const substituted = sql.replace(/:'(\w+)'/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :'${name}'`);
    return quoteLiteral(value);
  });
  return substituted.trim().replace(/;$/, '');
}
