import type { Database, Db } from '@stratum/db';
import type { ReadonlyKysely, ReadonlyTransaction } from 'kysely/readonly';

/** A database handle on which only reads compile. */
export type ReadonlyDb = ReadonlyKysely<Database>;

/** A read-only transaction: only reads compile, and PostgreSQL refuses writes in it. */
export type ReadonlyTrx = ReadonlyTransaction<Database>;

/**
 * Views a handle through kysely's read-only types, so that `insertInto`, `updateTable`,
 * `deleteFrom` and raw SQL do not compile in code that receives it.
 */
export function asReadonly(db: Db): ReadonlyDb {
  // The same object: ReadonlyKysely only narrows the methods the type exposes.
  return db as unknown as ReadonlyDb;
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
