import type { IdentifierError, NormalizeResult, ValueResult } from './identifier-error';
import type { IdentifierType } from './identifier-type';
import { normalizeEmail } from './normalize-email';
import { normalizePhone } from './normalize-phone';
import { isPlaceholderHash, isPlaceholderValue } from './placeholder';
import { isSha256Hex, sha256Hex } from './sha256';

export interface IdentifierInput {
  type: IdentifierType;
  value?: string;
  hash?: string;
}

export interface NormalizeOptions {
  /** ISO 3166 alpha-2 country for phone numbers written without a country code. */
  defaultCountry?: string;
  /** The tenant's own placeholder values, on top of the built-in ones. */
  extraPlaceholders?: readonly string[];
}

/**
 * Normalizes a raw identifier value by type, without hashing: email trimmed and
 * lowercased, phone to E.164, the id types trimmed with their case kept.
 */
export function normalizeIdentifierValue(
  type: IdentifierType,
  raw: string,
  options: NormalizeOptions = {},
): ValueResult {
  switch (type) {
    case 'email':
      return normalizeEmail(raw);
    case 'phone':
      return normalizePhone(raw, options.defaultCountry);
    case 'external_id':
    case 'anonymous_id':
    case 'device_id': {
      const value = raw.trim();
      return value === ''
        ? { ok: false, code: 'EMPTY_VALUE', message: 'must not be empty' }
        : { ok: true, value };
    }
  }
}

/**
 * Normalizes and hashes one identifier. Exactly one of `value` (normalized, then hashed)
 * or `hash` (64 lowercase hex, used as is) must be given. Expected failures are returned,
 * never thrown, and no message contains the submitted value.
 *
 * A placeholder (`"null"`, `"undefined"`, …) is reported with `placeholder: true` even
 * when it would fail the type's format check, so `email: "undefined"` becomes a warning
 * on the event rather than a rejection of it.
 */
export function normalizeIdentifier(
  input: IdentifierInput,
  options: NormalizeOptions = {},
): NormalizeResult {
  const { type, value, hash } = input;
  const extra = options.extraPlaceholders;
  if (value !== undefined && hash !== undefined) {
    return failure('hash', 'INVALID_HASH', 'must not be given together with value');
  }
  if (hash !== undefined) {
    if (!isSha256Hex(hash)) {
      return failure(
        'hash',
        'INVALID_HASH',
        'must be 64 lowercase hexadecimal characters (SHA-256)',
      );
    }
    return { ok: true, identifier: { type, hash }, placeholder: isPlaceholderHash(hash, extra) };
  }
  if (value === undefined) {
    return failure('value', 'EMPTY_VALUE', 'is required (or give hash instead)');
  }

  const trimmed = value.trim();
  if (isPlaceholderValue(trimmed, extra)) {
    const normalized = type === 'email' ? trimmed.toLowerCase() : trimmed;
    return { ok: true, identifier: { type, hash: sha256Hex(normalized) }, placeholder: true };
  }
  const result = normalizeIdentifierValue(type, trimmed, options);
  if (!result.ok) return failure('value', result.code, result.message);
  return {
    ok: true,
    identifier: { type, hash: sha256Hex(result.value) },
    placeholder: isPlaceholderValue(result.value, extra),
  };
}

function failure(
  field: IdentifierError['field'],
  code: IdentifierError['code'],
  message: string,
): NormalizeResult {
  return { ok: false, error: { field, code, message } };
}
