import { formatChangeCursor, parseChangeCursor } from '@stratum/changes';
import type { ChangeCursor } from '@stratum/changes';

/** The id of a stream message: its change's cursor and its rank within that change. */
export function streamId(cursor: ChangeCursor, rank: number): string {
  return `${cursor}:${rank}`;
}

/** Where to pick the stream up again after the message `id`. */
export interface ResumePoint {
  /** Read the feed after this cursor: just before the message's change. */
  readAfter: ChangeCursor;
  /** The message's change, of which the items up to `rank` were received already. */
  change: ChangeCursor;
  rank: number;
}

/** The resume point of a message id (validated by StreamIdSchema). */
export function resumePoint(id: string): ResumePoint {
  const cut = id.lastIndexOf(':');
  const change = id.slice(0, cut);
  const { xid, changeId } = parseChangeCursor(change);
  const before = BigInt(changeId) > 0n ? BigInt(changeId) - 1n : 0n;
  return { readAfter: formatChangeCursor(xid, before), change, rank: Number(id.slice(cut + 1)) };
}
