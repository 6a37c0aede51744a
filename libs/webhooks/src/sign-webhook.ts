import { createHmac } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret';

/** What a signature covers: the message id, the attempt's time and the exact body sent. */
export interface WebhookMessage {
  /** Stays the same on every retry: receivers use it to drop duplicates. */
  id: string;
  /** The attempt's time, in whole seconds since the epoch; new on every attempt. */
  timestamp: number;
  /** The exact bytes sent: a re-serialized body would not verify. */
  body: string;
}

/** The three Standard Webhooks headers of one attempt. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret's key. */
export function signWebhook(secret: string, message: WebhookMessage): string {
  const key = webhookSecretKey(secret);
  if (key === undefined) throw new RangeError('signWebhook: not a whsec_ secret');
  assertNoDelimiter(message.id);
  const signed = `${message.id}.${message.timestamp}.${message.body}`;
  return `v1,${createHmac('sha256', key).update(signed, 'utf8').digest('base64')}`;
}

/** The headers of one attempt, signed with every secret given (old and new while rotating). */
export function webhookHeaders(
  secrets: readonly string[],
  message: WebhookMessage,
): WebhookHeaders {
  if (secrets.length === 0) throw new RangeError('webhookHeaders: no secret to sign with');
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': secrets.map((secret) => signWebhook(secret, message)).join(' '),
  };
}

// An id holding the delimiter would let one signed string pass for another.
function assertNoDelimiter(id: string): void {
  if (id.length === 0 || id.includes('.') || /\s/.test(id)) {
    throw new RangeError('signWebhook: a message id must be non-empty, without "." or spaces');
  }
}
