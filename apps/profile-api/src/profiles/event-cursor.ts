/**
 * The position after the last event of a page: its exact `occurred_at` (microseconds, as
 * PostgreSQL stores it; a JS Date would drop them and repeat events) and its `event_id`.
 */
export interface EventCursor {
  /** `occurred_at` in UTC, ISO 8601 with up to 6 fractional digits. */
  occurredAt: string;
  eventId: string;
}

const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_EVENT_ID_LENGTH = 128;

/** Encodes a cursor as base64url JSON `{ t, e }`: opaque to clients, stable for us. */
export function encodeCursor(cursor: EventCursor): string {
  const json = JSON.stringify({ t: cursor.occurredAt, e: cursor.eventId });
  return Buffer.from(json, 'utf8').toString('base64url');
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
 * Decodes a cursor made by {@link encodeCursor}; `undefined` for anything else (bad
 * base64url, not JSON, extra or missing members, a time that is not a real UTC instant,
 * an event id of the wrong length), so a tampered cursor is a 400, never a SQL error.
 */
export function decodeCursor(text: string): EventCursor | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const value = parseJson(Buffer.from(text, 'base64url').toString('utf8'));
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
