import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../database';
import type { SqlText } from './sql-literal';
import type { PreparedStatements } from '../pool/prepared-statements';

/** What one statement of a round trip returned. */
export interface StatementResult<Row = Record<string, unknown>> {
  rows: Row[];
  /** Rows inserted, updated, deleted or returned. */
  rowCount: number;
}

// The command tag of a multi-statement answer as the pool's clients report it (see below).
const MULTI = 'MULTI';

/** The pool's client options: pg's, and the texts to run as prepared statements. */
export interface MultiStatementClientConfig extends pg.ClientConfig {
  preparedStatements?: PreparedStatements;
}

/**
 * The pool's client class. For a query holding several statements, pg resolves with one
 * result per statement, and kysely reads `rows` of a single result: this client wraps the
 * list as the rows of one result, so runStatements can get them back through kysely.
 * Single-statement queries are untouched, except that a text registered in
 * `preparedStatements` runs as a named prepared statement (prepared on first use on each
 * connection).
 */
export class MultiStatementClient extends pg.Client {
  constructor(config?: string | MultiStatementClientConfig) {
    super(config);
    const prepared = typeof config === 'object' ? config.preparedStatements : undefined;
    // pg's query has many overloads; only the promise form is wrapped.
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const [text, values] = args;
      const name =
        prepared !== undefined &&
        typeof text === 'string' &&
        args.length === 2 &&
        Array.isArray(values)
          ? prepared.nameOf(text)
          : undefined;
      const answer = name === undefined ? query(...args) : query({ name, text, values });
      if (!(answer instanceof Promise)) return answer;
      return answer.then((result: unknown) =>
        Array.isArray(result) ? { command: MULTI, rowCount: null, rows: result } : result,
      );
    }) as pg.Client['query'];
  }
}

/**
 * Runs statements in one round trip, in order, and returns each one's result. Values must
 * be written into the text with the sql-literal helpers: the simple protocol that carries
 * several statements has no parameters. In READ COMMITTED each statement takes a fresh
 * snapshot, so a statement sees what earlier ones locked and what others committed before
 * it started, exactly as if they were sent one by one. The first failing statement aborts
 * the rest (and the transaction, inside one).
 */
export async function runStatements(
  db: Kysely<Database>,
  statements: readonly SqlText[],
): Promise<StatementResult[]> {
  if (statements.length === 0) return [];
  const answer = await sql.raw(statements.join(';\n')).execute(db);
  const rows: unknown[] = answer.rows;
  if (statements.length > 1) {
    if (isMulti(rows, statements.length)) return rows.map(toStatementResult);
    throw new Error(
      'runStatements: the results of several statements were lost; create the pool with ' +
        'Client: MultiStatementClient (createDatabase does)',
    );
  }
  // One statement: kysely already unwrapped it.
  return [
    {
      rows: rows as Record<string, unknown>[],
      rowCount: Number(answer.numAffectedRows ?? BigInt(rows.length)),
    },
  ];
}

function isMulti(rows: unknown[], count: number): rows is pg.QueryResult[] {
  return (
    rows.length === count &&
    rows.every((r) => r !== null && typeof r === 'object' && 'command' in r && 'rows' in r)
  );
}

function toStatementResult(result: pg.QueryResult): StatementResult {
  return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
}
