import { decodeCursor, encodeCursor } from '@stratum/schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = new Set(['spike', 'drop', 'silence']);

/** The position after a page of anomalies: its last entry's key. */
export interface AnomalyPosition {
  hour: Date;
  sourceId: string;
  kind: string;
}

/** Encodes a position as an opaque cursor. */
export function encodeAnomalyCursor(position: AnomalyPosition): string {
  return encodeCursor({ h: position.hour.toISOString(), s: position.sourceId, k: position.kind });
}

/**
 * Decodes a cursor made by {@link encodeAnomalyCursor}; `undefined` for anything else, so a
 * tampered cursor is a 400, never a SQL error. The tenant comes from the key, so a forged
 * cursor shows nothing of another tenant.
 */
export function decodeAnomalyCursor(text: string): AnomalyPosition | undefined {
  const value = decodeCursor(text, ['h', 's', 'k']);
  if (value === undefined) return undefined;
  const { h, s, k } = value;
  if (typeof h !== 'string') return undefined;
  if (typeof s !== 'string' || !UUID.test(s) || typeof k !== 'string' || !KINDS.has(k)) {
    return undefined;
  }
  const hour = new Date(h);
  return Number.isNaN(hour.getTime()) ? undefined : { hour, sourceId: s, kind: k };
}
