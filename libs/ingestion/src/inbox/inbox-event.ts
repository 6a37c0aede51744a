import type { HashedIdentifier } from '@stratum/resolution';
import type { NormalizedEvent, StorableEvent } from '../store/normalized-event';

/** What resolution needs of an inbox event besides its stored row, as kept in the inbox. */
interface InboxResolution {
  e: string;
  o: string;
  u: HashedIdentifier[];
  tr: Record<string, unknown> | null;
  once: Record<string, unknown> | null;
}

/** The inbox's `resolution` text of an event (its row travels as is: NormalizedEvent.rowJson). */
export function encodeInboxResolution(event: NormalizedEvent): string {
  const resolution: InboxResolution = {
    e: event.eventId,
    o: event.occurredAt.toISOString(),
    u: event.identifiers.map(({ type, hash }) => ({ type, hash })),
    tr: event.traits,
    once: event.traitsOnce ?? null,
  };
  return JSON.stringify(resolution);
}

/**
 * The event an inbox row holds, at position `index` of the request it is resolved in. The
 * rest of it stays in the row; its warnings were answered when it was accepted.
 */
export function decodeInboxEvent(
  resolution: string,
  eventRow: string,
  index: number,
): StorableEvent {
  const read = JSON.parse(resolution) as InboxResolution;
  return {
    index,
    eventId: read.e,
    occurredAt: new Date(read.o),
    identifiers: read.u,
    traits: read.tr,
    traitsOnce: read.once,
    rowJson: eventRow,
    warnings: [],
  };
}
