import { sql } from 'kysely';
import type { Db } from '../database';

export interface ExpiredChanges {
  expiredChanges: number;
  /** Consumers whose cursor was behind a deleted change, and so lost their place. */
  droppedCursors: string[];
}

/**
 * Deletes change-feed rows recorded more than `days` before `now`, and the cursor of every
 * consumer that had not read all of them: a consumer whose cursor is gone knows it missed
 * changes (findChangeCursor gives undefined) and must rebuild from scratch, rather than
 * resume past a hole without noticing. A consumer that kept up keeps its cursor.
 */
export async function expireChanges(db: Db, now: Date, days: number): Promise<ExpiredChanges> {
  return db.transaction().execute(async (trx) => {
    // The last deleted change in feed order: any cursor before it missed at least that one.
    const { rows } = await sql<{ n: number; last_xid: string | null; last_id: number | null }>`
      WITH gone AS (
        DELETE FROM cdp_changes
        WHERE recorded_at < ${now}::timestamptz - make_interval(days => ${days})
        RETURNING xid, change_id
      ), last AS (
        SELECT xid, change_id FROM gone ORDER BY xid DESC, change_id DESC LIMIT 1
      )
      SELECT (SELECT count(*)::int FROM gone) AS n,
             (SELECT xid::text FROM last) AS last_xid,
             (SELECT change_id FROM last) AS last_id`.execute(trx);
    const { n, last_xid: lastXid, last_id: lastId } = rows[0]!;
    if (lastXid === null || lastId === null) return { expiredChanges: n, droppedCursors: [] };
    const dropped = await trx
      .deleteFrom('cdp_change_cursors')
      .where(sql<boolean>`(last_xid, last_change_id) < (${lastXid}::xid8, ${lastId}::bigint)`)
      .returning('consumer')
      .execute();
    return { expiredChanges: n, droppedCursors: dropped.map((r) => r.consumer).sort() };
  });
}
