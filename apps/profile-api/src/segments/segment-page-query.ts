import { AppError } from '@stratum/http';
import type { SegmentChangesQuery, SegmentMembersQuery } from '@stratum/schemas';
import { decodeChangesCursor, decodeMembersCursor } from './segment-cursor';

/** Which page of a segment's members to read. */
export interface MembersPageOptions {
  limit: number;
  /** Only members with a greater profile id. */
  afterProfileId?: string;
}

/** Which page of a segment's membership log to read. */
export interface ChangesPageOptions {
  limit: number;
  /** Only entries with a greater `log_id` (0: from the first). */
  afterLogId: number;
  /** Only entries at or after this instant, ISO 8601. */
  since?: string;
}

// A cursor this API did not make (or one that was altered) is a 400, not an empty page.
function badCursor(): AppError {
  return new AppError('VALIDATION_FAILED', {
    detail: 'The query parameters are invalid',
    errors: [{ path: 'cursor', message: 'is not a cursor returned by this API' }],
  });
}

/** Turns validated query parameters into members page options, decoding the cursor. */
export function membersPageOptions(query: SegmentMembersQuery): MembersPageOptions {
  if (query.cursor === undefined) return { limit: query.limit };
  const afterProfileId = decodeMembersCursor(query.cursor);
  if (afterProfileId === undefined) throw badCursor();
  return { limit: query.limit, afterProfileId };
}

/** Turns validated query parameters into changes page options, decoding the cursor. */
export function changesPageOptions(query: SegmentChangesQuery): ChangesPageOptions {
  const afterLogId = query.cursor === undefined ? 0 : decodeChangesCursor(query.cursor);
  if (afterLogId === undefined) throw badCursor();
  return { limit: query.limit, afterLogId, since: query.since };
}
