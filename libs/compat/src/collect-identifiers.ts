import type { FieldIssue, IdentifierInput, IdentifierType } from '@stratum/schemas';

/** A value in a vendor message that may be an identifier, and where it sits. */
export interface IdentifierSource {
  type: IdentifierType;
  value: unknown;
  path: string;
}

export interface CollectedIdentifiers {
  identifiers: IdentifierInput[];
  /** The vendor path of each identifier, index for index. */
  paths: string[];
  errors: FieldIssue[];
}

/**
 * Turns vendor fields into Stratum identifiers. Absent, null and blank values are not
 * identifiers; numbers become their decimal text (clients have long accepted numeric ids);
 * anything else is an error naming the field. The same identifier twice (the email in both
 * `traits` and `context.traits`) is kept once, under its first path. Values are passed on
 * untouched: normalizing and hashing them is the ingest path's work.
 */
export function collectIdentifiers(sources: readonly IdentifierSource[]): CollectedIdentifiers {
  const collected: CollectedIdentifiers = { identifiers: [], paths: [], errors: [] };
  const seen = new Set<string>();
  for (const { type, value, path } of sources) {
    if (value === undefined || value === null) continue;
    const text = identifierText(value);
    if (text === undefined) {
      collected.errors.push({ path, message: 'must be a string' });
      continue;
    }
    if (text.trim() === '') continue;
    const key = `${type}:${sameIdentifierKey(type, text)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    collected.identifiers.push({ type, value: text });
    collected.paths.push(path);
  }
  return collected;
}

function identifierText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

// Only spellings that normalize alike for certain count as the same; the rest is left to
// normalization, where two spellings of one identifier hash to one value anyway.
function sameIdentifierKey(type: IdentifierType, text: string): string {
  const trimmed = text.trim();
  return type === 'email' ? trimmed.toLowerCase() : trimmed;
}
