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
  /** Every identifier hash the event carried, as stored with it. */
  storedIdentifiers: { type: string; hash: string }[];
  traits: Record<string, unknown> | null;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
  warnings: { path: string; message: string }[];
}
