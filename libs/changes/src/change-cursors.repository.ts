import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { formatChangeCursor, parseChangeCursor } from './change-cursor';
import type { ChangeCursor } from './change-cursor';

/**
 * A consumer's saved position, or undefined if it has none: it never ran, or retention
 * deleted changes it had not read and dropped its cursor (see runRetention); either way it
 * must rebuild its state from scratch and then read from the feed's head.
 */
export async function findChangeCursor(
  db: Db,
  consumer: string,
): Promise<ChangeCursor | undefined> {
  const row = await db
    .selectFrom('cdp_change_cursors')
    .select(['last_xid', 'last_change_id'])
    .where('consumer', '=', consumer)
    .executeTakeFirst();
  return row && formatChangeCursor(row.last_xid, row.last_change_id);
}

/**
 * Saves a consumer's progress: the last change it handled. Run it in the transaction that
 * applies the changes' effects, so both commit or neither does. Only ever moves forward:
 * returns false (and changes nothing) for a cursor at or before the saved one, as when two
 * instances of a consumer race.
 */
export async function advanceChangeCursor(
  trx: Db,
  consumer: string,
  cursor: ChangeCursor,
): Promise<boolean> {
  const { xid, changeId } = parseChangeCursor(cursor);
  const result = await trx
    .insertInto('cdp_change_cursors')
    .values({ consumer, last_xid: xid, last_change_id: Number(changeId) })
    .onConflict((oc) =>
      oc
        .column('consumer')
        .doUpdateSet({
          last_xid: (eb) => eb.ref('excluded.last_xid'),
          last_change_id: (eb) => eb.ref('excluded.last_change_id'),
          updated_at: sql<Date>`now()`,
        })
        .where(
          sql<boolean>`(cdp_change_cursors.last_xid, cdp_change_cursors.last_change_id)
            < (excluded.last_xid, excluded.last_change_id)`,
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows) > 0;
}

/** The feed's head now: a cursor after every change readable now (to start from "now"). */
export async function currentFeedHead(db: Db): Promise<ChangeCursor> {
  const { rows } = await sql<{ horizon: string }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`.execute(db);
  return formatChangeCursor(rows[0]!.horizon, 0);
}
