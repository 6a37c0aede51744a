/**
 * SQL literals for statements sent several at a time (see runStatements). The extended
 * protocol binds parameters, but only one statement per round trip; the simple protocol
 * runs several, without parameters, so values are written into the text. Every value goes
 * through {@link sqlString}: an escape string (E'…') with each backslash and quote doubled,
 * which reads back as exactly the input whatever `standard_conforming_strings` is, and
 * cannot end early or start an escape sequence.
 *
 * Statements are written with the {@link sqlText} tag, whose holes take only {@link SqlText}:
 * what these helpers and the tag itself make. A raw string (input) cannot be put into a
 * statement by mistake: it does not compile.
 */

declare const sqlTextBrand: unique symbol;

/** SQL text made by the literal helpers or by {@link sqlText}, never raw input. */
export type SqlText = string & { readonly [sqlTextBrand]: true };

/** The element types {@link sqlArray} writes (each a name written here, never input). */
export type SqlArrayType = 'bigint' | 'char(64)' | 'text' | 'timestamptz' | 'uuid';

const brand = (text: string) => text as SqlText;

/**
 * A statement or a part of one: `sqlText\`SELECT ${sqlString(name)}\``. Each hole must be
 * {@link SqlText}; the fixed parts are the code's own.
 */
export function sqlText(strings: TemplateStringsArray, ...holes: readonly SqlText[]): SqlText {
  // Called as a plain function, `strings` could be made of input: only a template has `raw`.
  if (!Array.isArray(strings.raw)) throw new TypeError('sqlText is a template tag');
  return brand(strings.reduce((text, part, i) => text + holes[i - 1]! + part));
}

/** A list of parts, comma-separated. */
export function sqlJoin(parts: readonly SqlText[]): SqlText {
  return brand(parts.join(', '));
}

/** A string literal (see the module's comment). */
export function sqlString(value: string): SqlText {
  if (value.includes('\0')) throw new RangeError('a SQL string cannot hold a NUL character');
  return brand(`E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`);
}

/** An integer literal; anything else (a fraction, NaN, beyond 2^53) is refused. */
export function sqlInteger(value: number): SqlText {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return brand(String(value));
}

/** An array element in PostgreSQL's array syntax: always quoted, `"` and `\` escaped. */
function arrayElement(value: string | null): string {
  return value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A typed array literal, e.g. `sqlArray(['a', 'b'], 'text')` → `E'{"a","b"}'::text[]`. */
export function sqlArray(values: readonly (string | null)[], type: SqlArrayType): SqlText {
  return brand(`${sqlString(`{${values.map(arrayElement).join(',')}}`)}::${type}[]`);
}

/** A jsonb literal from JSON text that is already serialized. */
export function sqlJsonb(json: string): SqlText {
  return brand(`${sqlString(json)}::jsonb`);
}
