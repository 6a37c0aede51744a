import { hash } from 'node:crypto';

/** Visible prefixes of API keys: a source's write key and a secret key. */
export const API_KEY_PREFIXES = ['cdp_wk_', 'cdp_sk_'] as const;

// 32 random bytes in unpadded base64url are exactly 43 characters.
const API_KEY_PATTERN = /^cdp_(?:wk|sk)_[A-Za-z0-9_-]{43}$/;

/** Whether a string has the shape of an API key (checked before any database look-up). */
export function isWellFormedApiKey(key: string): boolean {
  return API_KEY_PATTERN.test(key);
}

/** The stored form of a key: lowercase hex SHA-256 of the whole key string. */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}
