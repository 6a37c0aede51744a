import { sql } from 'kysely';
import type { ReadonlyDb, ReadonlyTrx } from '../read-only/read-only-db';
import { readOnly } from '../read-only/read-only-db';

/**
 * Runs an export in a read-only REPEATABLE READ transaction (one snapshot for the whole
 * file) with two settings of the pool lifted for its length:
 * - statement_timeout: PostgreSQL times a cursor from its first fetch to its last, so it
 *   would cut every export that outlasts it; what bounds an export instead is its client,
 *   which must keep reading (see sendExport's stall timeout);
 * - jit: a whole-tenant plan's estimated cost always triggers it, and compiling took close to
 *   a second before the first row (measured on 200,000 profiles), even for an export of a
 *   few rows, to speed up expressions that are not where an export spends its time.
 */
export function readForExport<T>(
  db: ReadonlyDb,
  work: (trx: ReadonlyTrx) => Promise<T>,
): Promise<T> {
  return readOnly(db, async (trx) => {
    // set_config(…, true) is SET LOCAL as a SELECT: it ends with the transaction.
    await trx
      .selectNoFrom([
        sql<string>`set_config('statement_timeout', '0', true)`.as('statement_timeout'),
        sql<string>`set_config('jit', 'off', true)`.as('jit'),
      ])
      .execute();
    return work(trx);
  });
}
