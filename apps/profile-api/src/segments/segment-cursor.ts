// Cursors of the segment routes: base64url JSON with one member, opaque to clients. A members
// cursor (`p`) and a changes cursor (`l`) differ by that member, so one given to the other
// route is refused rather than misread. A cursor only positions a page: the tenant comes
// from the key, so a forged one shows nothing of another tenant.

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encode(member: string, value: string | number): string {
  return Buffer.from(JSON.stringify({ [member]: value }), 'utf8').toString('base64url');
}

// The value of the one member of a cursor, or undefined for anything else.
function decode(text: string, member: string): unknown {
  if (!BASE64URL.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === member
    ? (value as Record<string, unknown>)[member]
    : undefined;
}

/** The position after a page of members: the last member's profile id. */
export function encodeMembersCursor(profileId: string): string {
  return encode('p', profileId);
}

/** Decodes {@link encodeMembersCursor}'s cursor; undefined unless it holds a lowercase UUID. */
export function decodeMembersCursor(text: string): string | undefined {
  const profileId = decode(text, 'p');
  return typeof profileId === 'string' && UUID.test(profileId) ? profileId : undefined;
}

/** The position after a page of changes: the last entry's `log_id` (0 before any). */
export function encodeChangesCursor(logId: number): string {
  return encode('l', logId);
}

/** Decodes {@link encodeChangesCursor}'s cursor; undefined unless it holds a safe integer ≥ 0. */
export function decodeChangesCursor(text: string): number | undefined {
  const logId = decode(text, 'l');
  return typeof logId === 'number' && Number.isSafeInteger(logId) && logId >= 0 ? logId : undefined;
}
