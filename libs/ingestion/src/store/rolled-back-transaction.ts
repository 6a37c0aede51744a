import type { Kysely } from 'kysely';
import { inStatementTransaction } from '@stratum/db';
import type { Database, SqlText, StatementRunner } from '@stratum/db';

/** Carries the work's result out through the rollback it causes. */
class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
  }
}

/**
 * {@link inStatementTransaction} for a trial run: the work runs in full, its last round trip
 * without COMMIT, and then everything is rolled back, locks included. What it tells is
 * whether PostgreSQL accepts the statements; a failure rejects as it would have for real.
 */
export async function inRolledBackTransaction<T>(
  db: Kysely<Database>,
  work: (runner: StatementRunner) => Promise<T>,
): Promise<T> {
  try {
    return await inStatementTransaction(db, async (runner) => {
      const run = (statements: readonly SqlText[]) => runner.run(statements);
      throw new RolledBack(await work({ run, runLast: run }));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
}
