/** The body of a delivery, as Standard Webhooks lays it out: what happened, when, and data. */
export interface WebhookPayload<T = unknown> {
  type: string;
  /** When the change happened (ISO 8601), not when this attempt was made. */
  timestamp: string;
  data: T;
}

/** The exact body sent (and signed): compact JSON. */
export function serializeWebhookPayload(payload: WebhookPayload): string {
  return JSON.stringify(payload);
}

/**
 * The `webhook-id` of a delivery: `msg_` and the delivery's id without dashes. The same on
 * every retry and replay, so receivers can drop what they already processed.
 */
export function webhookMessageId(deliveryId: string): string {
  return `msg_${deliveryId.replace(/-/g, '')}`;
}
