import { sql } from 'kysely';
import type { ControlledTransaction } from 'kysely';
import { sqlString, sqlText } from '@stratum/db';
import type { Database, Db } from '@stratum/db';
import type { ReadonlyDb, ReadonlyTrx } from '../read-only/read-only-db';
import { readOnly } from '../read-only/read-only-db';

/**
 * Lifts two settings of the pool for the length of an export's transaction:
 * - statement_timeout: PostgreSQL times a cursor from its first fetch to its last, so it
 *   would cut every export that outlasts it; what bounds an export instead is its client,
 *   which must keep reading (see sendExport's stall timeout);
 * - jit: a whole-tenant plan's estimated cost always triggers it, and compiling took close to
 *   a second before the first row (measured on 200,000 profiles), even for an export of a
 *   few rows, to speed up expressions that are not where an export spends its time.
 */
async function liftExportLimits(trx: ReadonlyTrx): Promise<void> {
  // set_config(…, true) is SET LOCAL as a SELECT: it ends with the transaction.
  await trx
    .selectNoFrom([
      sql<string>`set_config('statement_timeout', '0', true)`.as('statement_timeout'),
      sql<string>`set_config('jit', 'off', true)`.as('jit'),
    ])
    .execute();
}

/**
 * Runs an export in a read-only REPEATABLE READ transaction (one snapshot for the whole
 * file), with the pool's statement timeout and JIT lifted (see liftExportLimits).
 */
export function readForExport<T>(
  db: ReadonlyDb,
  work: (trx: ReadonlyTrx) => Promise<T>,
): Promise<T> {
  return readOnly(db, async (trx) => {
    await liftExportLimits(trx);
    return work(trx);
  });
}

/**
 * Plans an export's range reads without nested loops where another join exists. PostgreSQL
 * cannot size a range of uuids narrower than a bucket of its histogram (it has no distance
 * between two uuids) and estimates one row: it then re-ran the identifiers' aggregate for
 * every profile, 43 s for a range of 5,000 rows instead of 70 ms merged. The consents'
 * lateral look-up stays a nested loop, the only plan it has.
 */
export async function planForRanges(trx: ReadonlyTrx): Promise<void> {
  await trx
    .selectNoFrom(sql<string>`set_config('enable_nestloop', 'off', true)`.as('enable_nestloop'))
    .execute();
}

/** Names the snapshot of an export's transaction, for {@link openInSnapshot}. */
export async function exportSnapshot(trx: ReadonlyTrx): Promise<string> {
  const row = await trx
    .selectNoFrom(sql<string>`pg_export_snapshot()`.as('snapshot'))
    .executeTakeFirstOrThrow();
  return row.snapshot;
}

/** A second export transaction; `close` ends it (once, whatever the number of calls). */
export interface SnapshotReader {
  trx: ReadonlyTrx;
  close: () => Promise<void>;
}

/**
 * Opens a read-only REPEATABLE READ transaction on another pooled connection that sees
 * exactly what the exporting transaction sees, while that one is still open. The id is
 * PostgreSQL's, but SET TRANSACTION SNAPSHOT takes no parameter, so it goes in as a literal
 * written by sqlString.
 */
export async function openInSnapshot(db: ReadonlyDb, snapshot: string): Promise<SnapshotReader> {
  // The read-only handle hides startTransaction; the transaction is made read-only here.
  const trx: ControlledTransaction<Database> = await (db as unknown as Db)
    .startTransaction()
    .setAccessMode('read only')
    .setIsolationLevel('repeatable read')
    .execute();
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= trx.rollback().execute());
  try {
    // Must come before any query of the transaction.
    await sql.raw(sqlText`SET TRANSACTION SNAPSHOT ${sqlString(snapshot)}`).execute(trx);
    await liftExportLimits(trx);
  } catch (error) {
    await close();
    throw error;
  }
  return { trx, close };
}
