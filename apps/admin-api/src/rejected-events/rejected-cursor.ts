const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Encodes the position after a page (its last entry's `seq`) as opaque base64url JSON. */
export function encodeRejectedCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ s: seq }), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeRejectedCursor}; `undefined` for anything else
 * (bad base64url, not JSON, other members, not a positive safe integer), so a tampered
 * cursor is a 400, never a SQL error. A cursor only positions a page: the tenant comes
 * from the key, so a forged one shows nothing of another tenant.
 */
export function decodeRejectedCursor(text: string): number | undefined {
  if (!BASE64URL.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const seq = (value as { s?: unknown }).s;
  if (keys.length !== 1 || typeof seq !== 'number') return undefined;
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}
