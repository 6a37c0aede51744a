/**
 * A position in the change feed: `<xid>:<change_id>` of the last change handled. The feed
 * is ordered by the writing transaction's id, then by the change's id (see readChanges), so
 * a cursor needs both. Opaque to consumers: store it, hand it back.
 */
export type ChangeCursor = string;

/** Before every change. */
export const FEED_START: ChangeCursor = '0:0';

/** A cursor's two halves, as decimal text (xid8 and bigint do not fit a JS number safely). */
export interface CursorParts {
  xid: string;
  changeId: string;
}

const CURSOR = /^(\d{1,20}):(\d{1,19})$/;

/** Whether a value is a well-formed cursor (for cursors that arrive from outside). */
export function isChangeCursor(value: unknown): value is ChangeCursor {
  return typeof value === 'string' && CURSOR.test(value);
}

/** The halves of a cursor; throws RangeError for a malformed one. */
export function parseChangeCursor(cursor: ChangeCursor): CursorParts {
  const match = CURSOR.exec(cursor);
  if (match === null) throw new RangeError(`not a change cursor: ${JSON.stringify(cursor)}`);
  return { xid: BigInt(match[1]!).toString(), changeId: BigInt(match[2]!).toString() };
}

/** The cursor of a change (or of a horizon: `changeId` 0 is before all of its xid). */
export function formatChangeCursor(
  xid: string | bigint,
  changeId: string | number | bigint,
): ChangeCursor {
  return `${BigInt(xid)}:${BigInt(changeId)}`;
}

/** Negative, zero or positive as `a` is before, at or after `b` in feed order. */
export function compareChangeCursors(a: ChangeCursor, b: ChangeCursor): number {
  const [pa, pb] = [parseChangeCursor(a), parseChangeCursor(b)];
  const byXid = BigInt(pa.xid) - BigInt(pb.xid);
  const diff = byXid !== 0n ? byXid : BigInt(pa.changeId) - BigInt(pb.changeId);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
