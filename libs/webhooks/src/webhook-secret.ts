import { randomBytes } from 'node:crypto';

/** Standard Webhooks' visible prefix of a symmetric signing secret. */
const WEBHOOK_SECRET_PREFIX = 'whsec_';

// The spec allows 24 to 64 bytes; 32 is what HMAC-SHA256 uses in full.
const SECRET_BYTES = 32;
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/** A new signing secret: `whsec_` and 32 random bytes in base64. Shown once, at creation. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/**
 * The HMAC key of a secret: its base64 body decoded, with or without the `whsec_` prefix.
 * Undefined when it is not base64 or its length is outside what the spec allows.
 */
export function webhookSecretKey(secret: string): Buffer | undefined {
  const body = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) return undefined;
  const key = Buffer.from(body, 'base64');
  return key.length >= MIN_SECRET_BYTES && key.length <= MAX_SECRET_BYTES ? key : undefined;
}
