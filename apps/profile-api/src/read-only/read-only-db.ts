import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import type { Database, Db } from '@stratum/db';

/**
 * What a handle may not offer to read-only code: the write builders, the schema module,
 * the query creators that lead back to them, and the executor that raw SQL runs on.
 */
type WriteAccess =
  | 'insertInto'
  | 'replaceInto'
  | 'updateTable'
  | 'deleteFrom'
  | 'mergeInto'
  | 'schema'
  | 'with'
  | 'withRecursive'
  | 'withSchema'
  | 'getExecutor'
  | 'executeQuery'
  | 'connection'
  | 'startTransaction';

/** A database handle on which only reads compile. */
export type ReadonlyDb = Omit<Kysely<Database>, WriteAccess>;

/** A read-only transaction: only reads compile, and PostgreSQL refuses writes in it. */
export type ReadonlyTrx = Omit<Transaction<Database>, WriteAccess>;

/** A compiled query known to be a SELECT. */
export type ReadonlyCompiledQuery<R> = CompiledQuery<R> & { readonly __select: true };

/** Whether a compiled query is a SELECT, the one kind a read-only handle may run. */
export function isReadonlyCompiledQuery<R>(
  query: CompiledQuery<R>,
): query is ReadonlyCompiledQuery<R> {
  return query.query.kind === 'SelectQueryNode';
}

/**
 * Views a handle through kysely's read-only types, so that `insertInto`, `updateTable`,
 * `deleteFrom` and raw SQL do not compile in code that receives it.
 */
export function asReadonly(db: Db): ReadonlyDb {
  // The same object: the type only hides the methods that write.
  return db;
}

/**
 * Runs `work` in a `READ ONLY, REPEATABLE READ` transaction. Read-only makes PostgreSQL
 * refuse any write even on a read-write connection; repeatable read gives the queries of
 * one answer a single snapshot, so a merge committing in between cannot tear a profile.
 */
export function readOnly<T>(db: ReadonlyDb, work: (trx: ReadonlyTrx) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setAccessMode('read only')
    .setIsolationLevel('repeatable read')
    .execute(work);
}

/** What a repository needs to build reads: a handle or a read-only transaction. */
export type ReadonlyReader = Pick<ReadonlyDb, 'selectFrom'>;
