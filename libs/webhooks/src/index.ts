// The public face of @stratum/webhooks: Standard Webhooks signing and verification, the
// retry schedule, what an answer means, payloads, and which targets may be called.
export { generateWebhookSecret } from './webhook-secret';
export { webhookHeaders } from './sign-webhook';
export type { WebhookHeaders, WebhookMessage } from './sign-webhook';
export { verifyWebhook } from './verify-webhook';
export type { ReceivedHeaders, VerifyOptions, WebhookVerifyResult } from './verify-webhook';
export {
  DEFAULT_RETRY_SCHEDULE,
  maxAttempts,
  parseRetryAfter,
  retryDelaySeconds,
} from './retry-schedule';
export type { RetryDelayOptions } from './retry-schedule';
export { attemptOutcome } from './attempt-outcome';
export type { AttemptOutcome } from './attempt-outcome';
export { serializeWebhookPayload, webhookMessageId } from './webhook-payload';
export type { WebhookPayload } from './webhook-payload';
export { checkDestinationUrl, isPublicAddress } from './destination-address';
export type { DestinationCheck, RefusedDestination } from './destination-address';
