import { normalizeIdentifier } from '@stratum/identity';
import type { IdentifierInput, NormalizeOptions } from '@stratum/identity';
import type { HashedIdentifier } from '@stratum/resolution';

export interface Issue {
  path: string;
  message: string;
}

export interface HashedIdentifiers {
  /** Those that take part in resolution (placeholders removed), with their position. */
  usable: HashedIdentifier[];
  /** Every identifier's type and hash, as stored with an event. */
  all: { type: string; hash: string }[];
  errors: Issue[];
  warnings: Issue[];
}

/**
 * Normalizes and hashes a request's identifiers. Errors name the field; a placeholder is a
 * warning, and a list left with no usable identifier is an error.
 */
export function hashIdentifiers(
  inputs: readonly IdentifierInput[],
  options: NormalizeOptions,
): HashedIdentifiers {
  const result: HashedIdentifiers = { usable: [], all: [], errors: [], warnings: [] };
  inputs.forEach((input, i) => {
    const normalized = normalizeIdentifier(input, options);
    if (!normalized.ok) {
      result.errors.push({
        path: `identifiers.${i}.${normalized.error.field}`,
        message: normalized.error.message,
      });
      return;
    }
    result.all.push(normalized.identifier);
    if (normalized.placeholder) {
      result.warnings.push({
        path: `identifiers.${i}`,
        message: 'placeholder value ignored for identity resolution',
      });
    } else {
      result.usable.push({ ...normalized.identifier, index: i });
    }
  });
  if (result.errors.length === 0 && result.usable.length === 0) {
    result.errors.push({
      path: 'identifiers',
      message: 'no usable identifier: every value is a placeholder',
    });
  }
  return result;
}
