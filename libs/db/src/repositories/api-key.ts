import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIXES, API_KEY_SCOPES } from '../tables/api-key.table';
import type { ApiKeyPrefix, ApiKeyScope } from '../tables/api-key.table';

const KEY_BODY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HINT_LENGTH = 4;

/** A freshly generated key: the plaintext (shown once), its hash and its hint. */
export interface GeneratedApiKey {
  key: string;
  keyPrefix: ApiKeyPrefix;
  keyHash: string;
  keyHint: string;
}

/** Lowercase hex SHA-256 of the whole key string, prefix included: what is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Generates a key: the prefix followed by 32 random bytes in base64url (43 characters). */
export function generateApiKey(prefix: ApiKeyPrefix): GeneratedApiKey {
  const key = `${prefix}${randomBytes(32).toString('base64url')}`;
  return {
    key,
    keyPrefix: prefix,
    keyHash: hashApiKey(key),
    keyHint: key.slice(0, prefix.length + HINT_LENGTH),
  };
}

/**
 * Whether a string has the shape of one of our keys. A cheap check before hashing and
 * looking up, so garbage never reaches the database.
 */
export function looksLikeApiKey(value: string): boolean {
  const prefix = API_KEY_PREFIXES.find((p) => value.startsWith(p));
  return prefix !== undefined && KEY_BODY_PATTERN.test(value.slice(prefix.length));
}

/** Whether a string is a known scope. */
export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
