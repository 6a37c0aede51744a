import { decodeCursor, encodeCursor } from '@stratum/schemas';

// Cursors of the segment routes: base64url JSON with one member, opaque to clients. A members
// cursor (`p`) and a changes cursor (`l`) differ by that member, so one given to the other
// route is refused rather than misread. A cursor only positions a page: the tenant comes
// from the key, so a forged one shows nothing of another tenant.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The position after a page of members: the last member's profile id. */
export function encodeMembersCursor(profileId: string): string {
  return encodeCursor({ p: profileId });
}

/** Decodes {@link encodeMembersCursor}'s cursor; undefined unless it holds a lowercase UUID. */
export function decodeMembersCursor(text: string): string | undefined {
  const profileId = decodeCursor(text, ['p'])?.p;
  return typeof profileId === 'string' && UUID.test(profileId) ? profileId : undefined;
}

/** The position after a page of changes: the last entry's `log_id` (0 before any). */
export function encodeChangesCursor(logId: number): string {
  return encodeCursor({ l: logId });
}

/** Decodes {@link encodeChangesCursor}'s cursor; undefined unless it holds a safe integer ≥ 0. */
export function decodeChangesCursor(text: string): number | undefined {
  const logId = decodeCursor(text, ['l'])?.l;
  return typeof logId === 'number' && Number.isSafeInteger(logId) && logId >= 0 ? logId : undefined;
}
