const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = new Set(['spike', 'drop', 'silence']);

/** The position after a page of anomalies: its last entry's key. */
export interface AnomalyPosition {
  hour: Date;
  sourceId: string;
  kind: string;
}

/** Encodes a position as opaque base64url JSON. */
export function encodeAnomalyCursor(position: AnomalyPosition): string {
  const value = { h: position.hour.toISOString(), s: position.sourceId, k: position.kind };
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeAnomalyCursor}; `undefined` for anything else, so a
 * tampered cursor is a 400, never a SQL error. The tenant comes from the key, so a forged
 * cursor shows nothing of another tenant.
 */
export function decodeAnomalyCursor(text: string): AnomalyPosition | undefined {
  if (!BASE64URL.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { h, s, k } = value as Record<string, unknown>;
  if (Object.keys(value).length !== 3 || typeof h !== 'string') return undefined;
  if (typeof s !== 'string' || !UUID.test(s) || typeof k !== 'string' || !KINDS.has(k)) {
    return undefined;
  }
  const hour = new Date(h);
  return Number.isNaN(hour.getTime()) ? undefined : { hour, sourceId: s, kind: k };
}
