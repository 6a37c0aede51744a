import { sha256Hex } from '@stratum/identity';
import type { JsonObject } from '@stratum/schemas';
import type { FieldRead } from './mapped-event';

const MAX_EVENT_ID_LENGTH = 128;

// Clients stamp these anew on every attempt; a retry must still hash to the same id.
const PER_ATTEMPT_KEYS = new Set(['sentAt', 'sent_at']);

/**
 * The Stratum `event_id` of a vendor message: its own id (`messageId`, PostHog's `uuid`)
 * when it has one, else the SHA-256 (64 hex digits) of the message itself, keys sorted and
 * send times left out, so that a client resending the same message is answered `duplicate`
 * instead of storing it twice.
 */
export function messageEventId(message: JsonObject, idField: string): FieldRead<string> {
  const id = message[idField];
  if (id === undefined || id === null || id === '') {
    return { ok: true, value: sha256Hex(canonicalJson(message, true)) };
  }
  if (typeof id !== 'string') {
    return { ok: false, issue: { path: idField, message: 'must be a string' } };
  }
  if (id.length > MAX_EVENT_ID_LENGTH) {
    return {
      ok: false,
      issue: { path: idField, message: `must be at most ${MAX_EVENT_ID_LENGTH} characters` },
    };
  }
  return { ok: true, value: id };
}

/** JSON with object keys sorted at every level: one text for one value. */
export function canonicalJson(value: unknown, topLevel = false): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([key, item]) => item !== undefined && !(topLevel && PER_ATTEMPT_KEYS.has(key)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
