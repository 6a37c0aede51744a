import { sql } from 'kysely';
import type { Db } from '@stratum/db';

/** The first key of the resolvers' advisory locks (the two-key form: its own lock space). */
const RESOLVER_LOCK_SPACE = 7301;

/**
 * Runs `run` while holding resolver `resolver`'s session advisory lock, on a connection kept
 * for the purpose; returns `busy` without running it when another process or job holds it.
 * The queue may run two jobs of one chain at once (its cron item queues a new one while the
 * chain's job runs): the lock keeps each resolver's lanes to one writer. A worker that dies
 * closes its connection, which frees the lock.
 */
export async function withResolverLock<T>(
  db: Db,
  resolver: number,
  run: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ ok: boolean }>`
      SELECT pg_try_advisory_lock(${RESOLVER_LOCK_SPACE}::int, ${resolver}::int) AS ok`.execute(
      conn,
    );
    if (rows[0]?.ok !== true) return { ran: false };
    try {
      return { ran: true, result: await run() };
    } finally {
      await sql`SELECT pg_advisory_unlock(${RESOLVER_LOCK_SPACE}::int, ${resolver}::int)`.execute(
        conn,
      );
    }
  });
}
