import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';
import { sqlText } from './sql-literal';
import type { SqlText } from './sql-literal';
import { runStatements } from './run-statements';
import type { StatementResult } from './run-statements';

/** Round trips of statements inside one transaction. */
export interface StatementRunner {
  /** Runs statements in one round trip (see runStatements). */
  run(statements: readonly SqlText[]): Promise<StatementResult[]>;
  /**
   * Runs the transaction's last statements in one round trip. Where the runner owns the
   * transaction (inStatementTransaction), COMMIT travels with them and nothing may run after.
   */
  runLast(statements: readonly SqlText[]): Promise<StatementResult[]>;
}

/** A runner over a transaction kysely already opened and will commit itself. */
export function statementRunner(trx: Transaction<Database>): StatementRunner {
  const run = (statements: readonly SqlText[]) => runStatements(trx, statements);
  return { run, runLast: run };
}

/**
 * Runs `work` in a transaction whose BEGIN travels with its first round trip and whose
 * COMMIT with its last (`runLast`), so a transaction of two round trips of work costs two,
 * not four, and its locks are released as soon as PostgreSQL has written the last statement,
 * without waiting for this process to answer. If `work` ends without `runLast`, COMMIT is
 * sent alone. Any failure rolls the transaction back and rejects with the first error.
 */
export async function inStatementTransaction<T>(
  db: Kysely<Database>,
  work: (runner: StatementRunner) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    // Declared wide: the closures below change it, which TypeScript's narrowing cannot see.
    let state = 'idle' as 'idle' | 'open' | 'ended';
    const send = async (statements: readonly SqlText[], last: boolean) => {
      if (state === 'ended') throw new Error('inStatementTransaction: the transaction has ended');
      const begin = state === 'idle' ? [sqlText`BEGIN`] : [];
      const commit = last ? [sqlText`COMMIT`] : [];
      state = 'open';
      const results = await runStatements(connection, [...begin, ...statements, ...commit]);
      if (last) state = 'ended';
      return results.slice(begin.length, begin.length + statements.length);
    };
    try {
      const result = await work({
        run: (statements) => send(statements, false),
        runLast: (statements) => send(statements, true),
      });
      if (state === 'open') await send([], true);
      return result;
    } catch (error) {
      // A failed statement skips the rest of its round trip, COMMIT included, and leaves
      // the transaction aborted; after a failed COMMIT there is nothing left to roll back.
      if (state === 'open')
        await runStatements(connection, [sqlText`ROLLBACK`]).catch(() => undefined);
      throw error;
    }
  });
}
