import { normalizeIdentifier } from '@stratum/identity';
import type { IdentifierInput, NormalizedIdentifier } from '@stratum/identity';

/** A field of the request that could not be hashed, by its dotted path. */
export interface IdentifierIssue {
  path: string;
  message: string;
}

export type HashedRequestIdentifiers =
  { ok: true; identifiers: NormalizedIdentifier[] } | { ok: false; issues: IdentifierIssue[] };

/**
 * Normalizes and hashes a privacy request's identifiers exactly as ingestion does, so that a
 * request names the same hashes the events carried. There is no source here, hence no
 * default country: a phone number needs its country code. Placeholders (`null`, `unknown`…)
 * are hashed like any value: a request may name one. The same identifier twice counts once.
 */
export function hashRequestIdentifiers(
  inputs: readonly IdentifierInput[],
): HashedRequestIdentifiers {
  const issues: IdentifierIssue[] = [];
  const unique = new Map<string, NormalizedIdentifier>();
  inputs.forEach((input, i) => {
    const normalized = normalizeIdentifier(input);
    if (!normalized.ok) {
      issues.push({
        path: `identifiers.${i}.${normalized.error.field}`,
        // There is no source here to lend a default country.
        message:
          normalized.error.code === 'PHONE_COUNTRY_REQUIRED'
            ? 'has no country code: write it in international form, + and the country code first'
            : normalized.error.message,
      });
      return;
    }
    const { type, hash } = normalized.identifier;
    unique.set(`${type}:${hash}`, { type, hash });
  });
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, identifiers: [...unique.values()] };
}
