import { timingSafeEqual } from 'node:crypto';
import { signWebhook } from './sign-webhook';
import type { WebhookHeaders } from './sign-webhook';
import { webhookSecretKey } from './webhook-secret';

/** Why a delivery did not verify. */
type WebhookVerifyFailure =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'too_old'
  | 'too_new'
  | 'bad_secret'
  | 'no_matching_signature';

export type WebhookVerifyResult = { ok: true } | { ok: false; reason: WebhookVerifyFailure };

/** The headers as a receiver has them: Node's `req.headers` fits. */
export type ReceivedHeaders = Readonly<Partial<Record<keyof WebhookHeaders, string | string[]>>>;

export interface VerifyOptions {
  /** Now, in seconds since the epoch (tests pass a fixed one). */
  nowSeconds?: number;
  /** How far the attempt's time may be from now; the spec suggests five minutes. */
  toleranceSeconds?: number;
}

const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/**
 * Verifies a received delivery the way Standard Webhooks says a receiver should: the
 * timestamp within the tolerance, then any `v1,` signature of the header equal, compared
 * in constant time, to the one computed over the raw body.
 */
export function verifyWebhook(
  secret: string,
  headers: ReceivedHeaders,
  body: string,
  options: VerifyOptions = {},
): WebhookVerifyResult {
  const id = single(headers['webhook-id']);
  const timestampHeader = single(headers['webhook-timestamp']);
  const signatures = single(headers['webhook-signature']);
  if (!id || !timestampHeader || !signatures) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: 'bad_timestamp' };
  const timestamp = Number(timestampHeader);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (timestamp < now - tolerance) return { ok: false, reason: 'too_old' };
  if (timestamp > now + tolerance) return { ok: false, reason: 'too_new' };
  if (webhookSecretKey(secret) === undefined) return { ok: false, reason: 'bad_secret' };
  if (id.includes('.')) return { ok: false, reason: 'no_matching_signature' };

  const expected = Buffer.from(signWebhook(secret, { id, timestamp, body }));
  const matches = signatures
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some(
      (candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected),
    );
  return matches ? { ok: true } : { ok: false, reason: 'no_matching_signature' };
}

// A header sent twice is not one we signed.
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}
