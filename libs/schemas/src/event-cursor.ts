import { decodeCursor, encodeCursor } from './opaque-cursor';

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
const MAX_EVENT_ID_LENGTH = 128;

/** Encodes a cursor as base64url JSON `{ t, e }`: opaque to clients, stable for us. */
export function encodeEventCursor(cursor: EventCursor): string {
  return encodeCursor({ t: cursor.occurredAt, e: cursor.eventId });
}

/**
 * Decodes a cursor made by {@link encodeEventCursor}; `undefined` for anything else (bad
 * base64url, not JSON, extra or missing members, a time that is not a real UTC instant,
 * an event id of the wrong length), so a tampered cursor is a 400, never a SQL error.
 */
export function decodeEventCursor(text: string): EventCursor | undefined {
  const value = decodeCursor(text, ['t', 'e']);
  if (value === undefined) return undefined;
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
