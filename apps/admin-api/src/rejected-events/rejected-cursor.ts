import { decodeCursor, encodeCursor } from '@stratum/schemas';

/** Encodes the position after a page (its last entry's `seq`) as an opaque cursor. */
export function encodeRejectedCursor(seq: number): string {
  return encodeCursor({ s: seq });
}

/**
 * Decodes a cursor made by {@link encodeRejectedCursor}; `undefined` for anything else
 * (bad base64url, not JSON, other members, not a positive safe integer), so a tampered
 * cursor is a 400, never a SQL error. A cursor only positions a page: the tenant comes
 * from the key, so a forged one shows nothing of another tenant.
 */
export function decodeRejectedCursor(text: string): number | undefined {
  const seq = decodeCursor(text, ['s'])?.s;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}
