import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyPrefix } from '../tables/api-key.table';

const HINT_LENGTH = 4;

// 32 random bytes in unpadded base64url are exactly 43 characters.
const API_KEY_PATTERN = /^cdp_(?:wk|sk)_[A-Za-z0-9_-]{43}$/;

/** Whether a string has the shape of a key {@link generateApiKey} makes (checked before any look-up). */
export function isWellFormedApiKey(key: string): boolean {
  return API_KEY_PATTERN.test(key);
}

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
