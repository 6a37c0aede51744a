import type { WireEvent } from './client-event';

/** One message of the ingest API's Segment-compatible `POST /v1/batch`. */
export interface BeaconMessage {
  type: 'track' | 'identify' | 'page' | 'screen';
  messageId: string;
  event?: string;
  name?: string;
  userId?: string;
  anonymousId?: string;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
  originalTimestamp: string;
}

// Keys the ingest API's Segment mapping reads identifiers from: an event that uses them for
// something else would be stored differently, so it does not travel by beacon.
const IDENTIFIER_KEYS = ['email', 'phone'];
const CONTEXT_KEYS_TAKEN = ['traits', 'device'];

/**
 * The Segment message the ingest API maps back to exactly this event (`messageId` becomes
 * its `event_id`, `userId` its `external_id`, `anonymousId` its `anonymous_id`,
 * `context.traits.email`/`phone` and `context.device.id` the others), or `undefined` when
 * that mapping cannot say it: hashed identifiers, two of one type, neither an
 * `external_id` nor an `anonymous_id` (the route requires `userId` or `anonymousId`), an
 * alias, or traits or context keys the mapping would read as identifiers.
 */
export function toBeaconMessage(event: WireEvent): BeaconMessage | undefined {
  if (event.type === 'alias' || (event.type === 'track' && event.name === undefined)) {
    return undefined;
  }
  const ids = new Map<string, string>();
  for (const identifier of event.identifiers) {
    if (!('value' in identifier) || ids.has(identifier.type)) return undefined;
    ids.set(identifier.type, identifier.value);
  }
  if (!ids.has('external_id') && !ids.has('anonymous_id')) return undefined;
  if (event.type === 'identify' && IDENTIFIER_KEYS.some((k) => hasKey(event.traits, k))) {
    return undefined;
  }
  if (CONTEXT_KEYS_TAKEN.some((k) => hasKey(event.context, k))) return undefined;

  const contextTraits = Object.fromEntries(
    IDENTIFIER_KEYS.filter((k) => ids.has(k)).map((k) => [k, ids.get(k)]),
  );
  const deviceId = ids.get('device_id');
  const context = {
    ...event.context,
    ...(Object.keys(contextTraits).length > 0 && { traits: contextTraits }),
    ...(deviceId !== undefined && { device: { id: deviceId } }),
  };
  const userId = ids.get('external_id');
  const anonymousId = ids.get('anonymous_id');
  return {
    type: event.type,
    messageId: event.event_id,
    ...(event.name !== undefined &&
      (event.type === 'track' ? { event: event.name } : { name: event.name })),
    ...(userId !== undefined && { userId }),
    ...(anonymousId !== undefined && { anonymousId }),
    ...(event.traits !== undefined && { traits: event.traits }),
    ...(event.properties !== undefined && { properties: event.properties }),
    ...(Object.keys(context).length > 0 && { context }),
    originalTimestamp: event.timestamp,
  };
}

// An undefined value is not sent: JSON leaves it out.
function hasKey(object: Record<string, unknown> | undefined, key: string): boolean {
  return object?.[key] !== undefined;
}
