import type { IdentifierType } from './identifier-type';

export type IdentifierErrorCode =
  'EMPTY_VALUE' | 'INVALID_EMAIL' | 'INVALID_PHONE' | 'PHONE_COUNTRY_REQUIRED' | 'INVALID_HASH';

/** Why an identifier was refused. `message` never contains the submitted value. */
export interface IdentifierError {
  field: 'value' | 'hash';
  code: IdentifierErrorCode;
  message: string;
}

/** An identifier reduced to what is stored: its type and the SHA-256 of its normalized value. */
export interface NormalizedIdentifier {
  type: IdentifierType;
  hash: string;
}

/**
 * The outcome of normalizing one identifier. `placeholder` is true for junk such as
 * `"null"`: the identifier is well-formed but must not be used to resolve a profile.
 */
export type NormalizeResult =
  | { ok: true; identifier: NormalizedIdentifier; placeholder: boolean }
  | { ok: false; error: IdentifierError };

/** Normalization of a raw value alone, before hashing. */
export type ValueResult =
  { ok: true; value: string } | { ok: false; code: IdentifierErrorCode; message: string };
