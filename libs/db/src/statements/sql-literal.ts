/**
 * SQL literals for statements sent several at a time (see runStatements). The extended
 * protocol binds parameters, but only one statement per round trip; the simple protocol
 * runs several, without parameters, so values are written into the text. Every value goes
 * through {@link sqlString}: an escape string (E'…') with each backslash and quote doubled,
 * which reads back as exactly the input whatever `standard_conforming_strings` is, and
 * cannot end early or start an escape sequence.
 */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new RangeError('a SQL string cannot hold a NUL character');
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** An array element in PostgreSQL's array syntax: always quoted, `"` and `\` escaped. */
function arrayElement(value: string | null): string {
  return value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * A typed array literal, e.g. `sqlArray(['a', 'b'], 'text')` → `E'{"a","b"}'::text[]`.
 * @param type a type name written by the caller, never input
 */
export function sqlArray(values: readonly (string | null)[], type: string): string {
  return `${sqlString(`{${values.map(arrayElement).join(',')}}`)}::${type}[]`;
}

/** A jsonb literal from JSON text that is already serialized. */
export function sqlJsonb(json: string): string {
  return `${sqlString(json)}::jsonb`;
}
