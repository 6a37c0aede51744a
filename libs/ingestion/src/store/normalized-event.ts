import type { HashedIdentifier } from '@stratum/resolution';

/** An event that passed validation: identifiers hashed, time corrected to UTC. */
export interface NormalizedEvent {
  /** Position in the request, for the per-event result. */
  index: number;
  eventId: string;
  type: string;
  name: string | null;
  occurredAt: Date;
  sentAt: Date | null;
  /** Identifiers that take part in resolution (placeholders removed). */
  identifiers: HashedIdentifier[];
  traits: Record<string, unknown> | null;
  /** Traits set only on keys the profile lacks (a vendor's `$set_once`); not stored with the event. */
  traitsOnce?: Record<string, unknown> | null;
  /**
   * The stored row's own columns as an unclosed JSON object (`{"e":…,"pr":{…}`), written
   * when the event is validated: the insert inside the transaction then only appends the
   * profile, source and receive time (see insertEventsStatement).
   */
  rowJson: string;
  warnings: { path: string; message: string }[];
}

/** What storing an event reads of it: all an event resolved from the inbox carries. */
export type StorableEvent = Pick<
  NormalizedEvent,
  | 'index'
  | 'eventId'
  | 'occurredAt'
  | 'identifiers'
  | 'traits'
  | 'traitsOnce'
  | 'rowJson'
  | 'warnings'
>;
