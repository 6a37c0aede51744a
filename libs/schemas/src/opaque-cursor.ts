const BASE64URL = /^[A-Za-z0-9_-]+$/;

// base64url without padding, over UTF-8, as Node's Buffer writes it, without Buffer: these
// schemas also run in browsers.
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | undefined {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * Encodes a page position as base64url JSON: opaque to clients, stable for us. Every
 * paginated list writes its cursor this way, with its own short member names.
 */
export function encodeCursor(position: Readonly<Record<string, string | number>>): string {
  return toBase64Url(JSON.stringify(position));
}

/**
 * The members of a cursor made by {@link encodeCursor} when it holds exactly `members`;
 * `undefined` for anything else (bad base64url, not JSON, not an object, other members).
 * Callers check each value, so a tampered cursor is a 400, never a SQL error.
 */
export function decodeCursor<const M extends string>(
  text: string,
  members: readonly M[],
): Record<M, unknown> | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const json = fromBase64Url(text);
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).sort();
  const wanted = [...members].sort();
  if (keys.length !== wanted.length || keys.some((key, i) => key !== wanted[i])) return undefined;
  return value as Record<M, unknown>;
}
