import { isIdentifierType, normalizeIdentifierValue, sha256Hex } from '@stratum/identity';
import type { NormalizeOptions } from '@stratum/identity';
import { MAX_EVENT_BYTES } from '@stratum/schemas';

/** An identifier as the log keeps it: never its value, only a hash of it. */
interface RedactedIdentifier {
  type: unknown;
  hash?: string;
  /** `normalized`: the hash ingestion would store; `trimmed`: the value could not be normalized. */
  hashed_from?: 'normalized' | 'trimmed' | 'sent';
}

const REDACTED = '[redacted]';
const MAX_TYPE_LENGTH = 64;

/**
 * A Stratum event (a POST /events entry or a mapped vendor message) as the rejected-events
 * log keeps it: each identifier's `value` replaced by its SHA-256, of the normalized value
 * where it normalizes (the hash a stored event would carry), else of the trimmed text,
 * marked so. Anything in `identifiers` that is not a well-formed entry is not kept.
 */
export function redactEvent(raw: unknown, options: NormalizeOptions): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return typeof raw === 'string' ? REDACTED : raw;
  }
  const event = raw as Record<string, unknown>;
  if (!('identifiers' in event)) return { ...event };
  const identifiers = Array.isArray(event.identifiers)
    ? event.identifiers.map((i) => redactIdentifier(i, options))
    : REDACTED;
  return { ...event, identifiers };
}

function redactIdentifier(input: unknown, options: NormalizeOptions): RedactedIdentifier | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return REDACTED;
  const { type, value, hash } = input as Record<string, unknown>;
  const keptType = typeof type === 'string' ? type.slice(0, MAX_TYPE_LENGTH) : null;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    const normalized = isIdentifierType(type)
      ? normalizeIdentifierValue(type, text, options)
      : undefined;
    return normalized?.ok
      ? { type: keptType, hash: sha256Hex(normalized.value), hashed_from: 'normalized' }
      : { type: keptType, hash: sha256Hex(text.trim()), hashed_from: 'trimmed' };
  }
  if (value !== undefined && value !== null) return { type: keptType };
  // A hash the producer computed is not a raw value; a non-string one is not kept.
  return typeof hash === 'string'
    ? { type: keptType, hash: hash.slice(0, 128), hashed_from: 'sent' }
    : { type: keptType };
}

/**
 * The JSON text stored as a log entry's payload: the redacted payload, or a marker for one
 * too large to keep (an event is at most 32 KB; the log keeps no more) or one PostgreSQL
 * could not store (a NUL character: jsonb refuses `\u0000`).
 */
export function payloadJson(payload: unknown): string | null {
  const json = JSON.stringify(payload);
  if (json === undefined) return null;
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_EVENT_BYTES) return JSON.stringify({ truncated: true, bytes });
  if (json.includes('\\u0000')) return JSON.stringify({ unstorable: true });
  return json;
}
