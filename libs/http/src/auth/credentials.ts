/** What the Authorization header holds: nothing, something unusable, or a key to check. */
export type Credentials =
  { kind: 'missing' } | { kind: 'malformed' } | { kind: 'key'; key: string };

const BEARER = /^Bearer +(\S+) *$/i;
const BASIC = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i;

/**
 * Reads `Authorization: Bearer <key>`, and when `allowBasic` also `Basic base64(<key>:)`
 * (the key as user name, the password ignored: what Segment-style SDKs send).
 */
export function readCredentials(header: string | undefined, allowBasic: boolean): Credentials {
  if (header === undefined || header.trim() === '') return { kind: 'missing' };
  const bearer = BEARER.exec(header);
  if (bearer?.[1] !== undefined) return { kind: 'key', key: bearer[1] };
  const basic = allowBasic ? BASIC.exec(header) : null;
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const user = separator === -1 ? decoded : decoded.slice(0, separator);
    return user === '' ? { kind: 'malformed' } : { kind: 'key', key: user };
  }
  return { kind: 'malformed' };
}
