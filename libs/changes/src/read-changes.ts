import { sql } from 'kysely';
import type { ChangeKind, Db } from '@stratum/db';
import { compareChangeCursors, formatChangeCursor, parseChangeCursor } from './change-cursor';
import type { ChangeCursor } from './change-cursor';
import type { Change } from './change.types';

export interface ReadChangesOptions {
  /** One tenant's changes; every tenant's when omitted (the worker). */
  tenantId?: string;
  /** The cursor of the last change already handled (FEED_START for the beginning). */
  after: ChangeCursor;
  /** At most this many changes (1 to 10,000). */
  limit: number;
  /** Only these kinds; the cursor still moves past the others. */
  kinds?: readonly ChangeKind[];
}

export interface ChangesPage {
  changes: Change[];
  /** Where to read next. Equal to `after` when nothing is readable yet. */
  nextCursor: ChangeCursor;
  /**
   * The read's snapshot xmax (decimal text): the first transaction id not yet assigned when it
   * was taken, so every transaction that had committed before the read began is below it.
   * Once a later page's horizon reaches it, all of their changes have been read. `'0'` when
   * no kind was asked for (nothing was read).
   */
  xmax: string;
}

/**
 * Reads the changes after a cursor, in feed order: by writing transaction id (xid8), then
 * change id. Only changes of transactions below the statement's snapshot xmin are read:
 * every transaction below it has ended, so no change can ever appear before the returned
 * ones (a change id taken early and committed late has its transaction's xid, which stays at
 * or above the horizon until it ends). A long transaction anywhere on the server holds the
 * horizon back: the feed then waits, it never skips. Run it before the reading transaction
 * writes anything (its own xid would hold the horizon too).
 */
export async function readChanges(db: Db, options: ReadChangesOptions): Promise<ChangesPage> {
  const { after, limit, tenantId, kinds } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new RangeError('readChanges: limit must be an integer from 1 to 10,000');
  }
  const from = parseChangeCursor(after);
  if (kinds?.length === 0) return { changes: [], nextCursor: after, xmax: '0' };

  // The horizon and the changes come from one statement, hence from one snapshot.
  const rows = await db
    .selectFrom(
      db
        .selectNoFrom([
          sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`.as('horizon'),
          sql<string>`pg_snapshot_xmax(pg_current_snapshot())::text`.as('xmax'),
        ])
        .as('h'),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('cdp_changes as c')
          .select(['c.change_id', 'c.xid', 'c.tenant_id', 'c.kind', 'c.profile_id'])
          .select(['c.recorded_at', 'c.data'])
          .where(sql<boolean>`(c.xid, c.change_id) > (${from.xid}::xid8, ${from.changeId}::bigint)`)
          .where(sql<boolean>`c.xid < h.horizon::xid8`)
          .$if(tenantId !== undefined, (q) => q.where('c.tenant_id', '=', tenantId!))
          .$if(kinds !== undefined, (q) => q.where('c.kind', 'in', kinds!))
          .orderBy('c.xid')
          .orderBy('c.change_id')
          .limit(limit)
          .as('c'),
      (join) => join.onTrue(),
    )
    .select([
      'h.horizon',
      'h.xmax',
      'c.change_id',
      'c.xid',
      'c.tenant_id',
      'c.kind',
      'c.profile_id',
    ])
    .select(['c.recorded_at', 'c.data'])
    .orderBy('c.xid')
    .orderBy('c.change_id')
    .execute();

  const changes: Change[] = [];
  for (const row of rows) {
    if (row.change_id === null || row.xid === null) continue;
    changes.push({
      cursor: formatChangeCursor(row.xid, row.change_id),
      changeId: row.change_id,
      tenantId: row.tenant_id!,
      kind: row.kind!,
      profileId: row.profile_id,
      recordedAt: row.recorded_at!,
      data: row.data,
    } as Change);
  }
  const last = changes.at(-1);
  if (changes.length === limit && last !== undefined) {
    return { changes, nextCursor: last.cursor, xmax: rows[0]!.xmax };
  }
  // Fewer than asked: everything below the horizon has been read (filters included), so the
  // next read may start at the horizon itself instead of rescanning what was skipped.
  const horizon = formatChangeCursor(rows[0]!.horizon, 0);
  return {
    changes,
    nextCursor: compareChangeCursors(horizon, after) > 0 ? horizon : after,
    xmax: rows[0]!.xmax,
  };
}
