import type { ChangeItem } from '@stratum/changes';
import type { DestinationRecord } from '../destination.types';

/** What matching reads of a destination. */
export type MatchedDestination = Pick<
  DestinationRecord,
  'createdAt' | 'events' | 'segmentIds' | 'profileUpdates'
>;

/**
 * Whether a destination wants an item: recorded after the destination was created, and
 * events of its types (and names, when it lists names), entries and exits of its segments,
 * profile updates and merges when it takes them, every erasure. Consent is checked apart (it needs reads).
 */
export function destinationWants(destination: MatchedDestination, item: ChangeItem): boolean {
  if (item.recordedAt < destination.createdAt) return false;
  switch (item.type) {
    case 'event.received': {
      const events = destination.events;
      if (events === null || item.eventType === undefined) return false;
      if (!events.types.includes(item.eventType)) return false;
      return (
        events.names === null || (item.eventName != null && events.names.includes(item.eventName))
      );
    }
    case 'profile.updated':
    case 'profile.merged':
      return destination.profileUpdates;
    case 'segment.entered':
    case 'segment.exited':
      return destination.segmentIds.includes(item.segmentId);
    case 'profile.erased':
      // Whatever it was sent about the profile, it must be able to forget it.
      return true;
  }
}
