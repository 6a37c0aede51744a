import { sql } from 'kysely';
import type { ChangeKind, Db } from '@stratum/db';
import { FEED_START, parseChangeCursor } from './change-cursor';
import { findChangeCursor } from './change-cursors.repository';

/**
 * How far a consumer is behind, in seconds: the age of the first change after its cursor
 * (in feed order; of `kinds` only, when given: those the consumer reads), or 0 when there is
 * none. A consumer without a cursor (it never ran, or
 * retention dropped its cursor) is behind by the whole feed. The age is measured from the
 * change's `recorded_at`, the start of the transaction that wrote it; a change is counted
 * as soon as it is committed, even while the feed still holds it below an older open
 * transaction's horizon, since the consumer cannot see it either.
 */
export async function readChangeFeedLag(
  db: Db,
  consumer: string,
  kinds?: readonly ChangeKind[],
): Promise<number> {
  const cursor = parseChangeCursor((await findChangeCursor(db, consumer)) ?? FEED_START);
  // A walk of cdp_changes_feed_idx from the cursor to the first change of those kinds.
  const row = await db
    .selectFrom('cdp_changes as c')
    .select(sql<number>`greatest(0, extract(epoch FROM now() - c.recorded_at))::float8`.as('lag'))
    .where(sql<boolean>`(c.xid, c.change_id) > (${cursor.xid}::xid8, ${cursor.changeId}::bigint)`)
    .$if(kinds !== undefined, (q) => q.where('c.kind', 'in', kinds!))
    .orderBy('c.xid')
    .orderBy('c.change_id')
    .limit(1)
    .executeTakeFirst();
  return row?.lag ?? 0;
}
