import { IDENTIFIER_TYPES, normalizeIdentifier } from '@stratum/identity';
import type { IdentifierType } from '@stratum/identity';

export const SEARCH_TYPES: readonly IdentifierType[] = IDENTIFIER_TYPES;

export type HashedSearch =
  { ok: true; type: IdentifierType; hash: string } | { ok: false; message: string };

/**
 * Normalizes and hashes a searched identifier as ingestion does (a phone number needs its
 * country code). The message of a refusal never repeats the value.
 */
export function hashSearch(type: string, value: string): HashedSearch {
  if (!(SEARCH_TYPES as readonly string[]).includes(type)) {
    return { ok: false, message: `Choose one of: ${SEARCH_TYPES.join(', ')}.` };
  }
  const result = normalizeIdentifier({ type: type as IdentifierType, value });
  if (!result.ok) return { ok: false, message: `This ${type} ${result.error.message}.` };
  return { ok: true, type: result.identifier.type, hash: result.identifier.hash };
}
