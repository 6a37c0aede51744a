import type { WebhookPayloadBody } from '@stratum/schemas';
import type { ChangeItem } from './change-item';
import type { StoredEvent } from './item-sources';

/** What the bodies read besides the items: stored events and current traits. */
export interface PayloadSources {
  events: Map<string, StoredEvent>;
  traits: Map<string, Record<string, unknown>>;
}

/**
 * What an item says to the outside (a delivery, a live stream message): Standard Webhooks'
 * `{type, timestamp, data}`, data with profile ids and identifier hashes only (stored events
 * hold no raw identifier). Undefined when what it describes is gone (an event erased before
 * it was read).
 */
export function itemBody(
  item: ChangeItem,
  sources: PayloadSources,
): WebhookPayloadBody | undefined {
  const timestamp = item.recordedAt.toISOString();
  let payload: WebhookPayloadBody;
  switch (item.type) {
    case 'event.received': {
      const event = sources.events.get(item.eventId);
      if (event === undefined) return undefined;
      payload = {
        type: item.type,
        timestamp: event.occurred_at.toISOString(),
        data: {
          event_id: event.event_id,
          type: event.type,
          name: event.name,
          timestamp: event.occurred_at.toISOString(),
          received_at: event.received_at.toISOString(),
          source_id: event.source_id,
          profile_id: event.profile_id,
          identifiers: event.identifiers.map((i) => ({ type: i.type, hash: i.hash })),
          traits: event.traits,
          properties: event.properties,
          context: event.context,
        },
      };
      break;
    }
    case 'profile.updated':
      payload = {
        type: item.type,
        timestamp,
        data: {
          profile_id: item.profileId,
          changed_traits: item.changedTraits,
          traits: sources.traits.get(item.profileId) ?? {},
        },
      };
      break;
    case 'profile.merged':
      payload = {
        type: item.type,
        timestamp,
        data: { profile_id: item.profileId, merged_profile_id: item.mergedProfileId },
      };
      break;
    case 'segment.entered':
    case 'segment.exited':
      payload = {
        type: item.type,
        timestamp,
        data: {
          profile_id: item.profileId,
          segment_id: item.segmentId,
          segment_version: item.version,
        },
      };
      break;
    case 'profile.erased':
      payload = {
        type: item.type,
        timestamp,
        data: { profile_id: item.profileId, request_id: item.requestId },
      };
      break;
  }
  return payload;
}
