import { InvalidArgumentError } from 'commander';
import { isUuid } from '@stratum/db';
import { API_SCOPES, isApiScope } from '@stratum/schemas';
import type { ApiScope } from '@stratum/schemas';

// Option parsers: a bad value becomes commander's "invalid argument" error (exit code 2)
// before anything touches the database.

/** A UUID, e.g. a tenant, source or key id. */
export function parseUuid(value: string): string {
  if (!isUuid(value)) throw new InvalidArgumentError('Not a UUID.');
  return value.toLowerCase();
}

/** A comma-separated list of known scopes, e.g. `profiles:read,sources:read`. */
export function parseScopes(value: string): ApiScope[] {
  const scopes = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (scopes.length === 0) throw new InvalidArgumentError('Give at least one scope.');
  const unknown = scopes.filter((s) => !isApiScope(s));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `Unknown scope ${unknown.map((s) => `"${s}"`).join(', ')}; known: ${API_SCOPES.join(', ')}.`,
    );
  }
  return [...new Set(scopes as ApiScope[])];
}

/** An ISO 3166-1 alpha-2 country code, in any case; returned upper-case. */
export function parseCountry(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) {
    throw new InvalidArgumentError('Not a two-letter country code (ISO 3166-1 alpha-2, e.g. US).');
  }
  return value.toUpperCase();
}

/** Builds a parser for a whole number within `[min, max]`. */
export function integerBetween(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`Not a whole number from ${min} to ${max}.`);
    }
    return parsed;
  };
}

/** A non-empty name (trimmed). */
export function parseName(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new InvalidArgumentError('Must not be empty.');
  if (trimmed.length > 200) throw new InvalidArgumentError('At most 200 characters.');
  return trimmed;
}
