/**
 * A position in a list of events ordered by time then id (a page of a profile's events, an
 * export): the exact `occurred_at` of the last event (microseconds, as PostgreSQL stores it;
 * a JS Date would drop them and repeat events) and its `event_id`.
 */
export interface EventCursor {
  /** `occurred_at` in UTC, ISO 8601 with up to 6 fractional digits. */
  occurredAt: string;
  eventId: string;
}

const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_EVENT_ID_LENGTH = 128;

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

/** Encodes a cursor as base64url JSON `{ t, e }`: opaque to clients, stable for us. */
export function encodeEventCursor(cursor: EventCursor): string {
  return toBase64Url(JSON.stringify({ t: cursor.occurredAt, e: cursor.eventId }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Decodes a cursor made by {@link encodeEventCursor}; `undefined` for anything else (bad
 * base64url, not JSON, extra or missing members, a time that is not a real UTC instant,
 * an event id of the wrong length), so a tampered cursor is a 400, never a SQL error.
 */
export function decodeEventCursor(text: string): EventCursor | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const json = fromBase64Url(text);
  if (json === undefined) return undefined;
  const value = parseJson(json);
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value).sort();
  if (keys.length !== 2 || keys[0] !== 'e' || keys[1] !== 't') return undefined;
  const { t, e } = value;
  if (typeof t !== 'string' || typeof e !== 'string') return undefined;
  if (!UTC_TIMESTAMP.test(t) || !isRealInstant(t)) return undefined;
  if (e.length === 0 || e.length > MAX_EVENT_ID_LENGTH) return undefined;
  return { occurredAt: t, eventId: e };
}

// Date.parse accepts 2026-02-30 by rolling over; a real instant prints back to the same
// second. Year 0000 parses in JS but is out of PostgreSQL's range.
function isRealInstant(iso: string): boolean {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || iso.startsWith('0000')) return false;
  return new Date(ms).toISOString().slice(0, 19) === iso.slice(0, 19);
}
