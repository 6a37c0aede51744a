import { itemBody } from '@stratum/changes';
import type { ChangeItem, PayloadSources } from '@stratum/changes';
import { serializeWebhookPayload } from '@stratum/webhooks';

/**
 * The serialized body of an item's deliveries (see {@link itemBody}). The same for every
 * destination, so it is built once per item.
 */
export function itemPayload(item: ChangeItem, sources: PayloadSources): string | undefined {
  const body = itemBody(item, sources);
  return body === undefined ? undefined : serializeWebhookPayload(body);
}
