import { randomUuid } from './random-uuid';

export type IdentifierType = 'email' | 'phone' | 'external_id' | 'anonymous_id' | 'device_id';

/** An identifier as producers send it: a raw value (hashed by the server) or a SHA-256 hash. */
export type ClientIdentifier =
  { type: IdentifierType; value: string } | { type: IdentifierType; hash: string };

export interface EventFields {
  identifiers: ClientIdentifier[];
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** When it happened; default now. */
  timestamp?: Date;
  /** Your own idempotency key; default a random UUID. Retries always reuse it. */
  eventId?: string;
}

/** The wire format of one event (see docs/EVENT_SPEC_MINIMAL.md). */
export interface WireEvent {
  event_id: string;
  type: 'track' | 'identify' | 'page' | 'screen' | 'alias';
  name?: string;
  timestamp: string;
  sent_at?: string;
  identifiers: ClientIdentifier[];
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/** Builds the wire event; the id is fixed here so every retry sends the same one. */
export function toWireEvent(
  type: WireEvent['type'],
  name: string | undefined,
  fields: EventFields,
): WireEvent {
  return {
    event_id: fields.eventId ?? randomUuid(),
    type,
    ...(name === undefined ? {} : { name }),
    timestamp: (fields.timestamp ?? new Date()).toISOString(),
    identifiers: fields.identifiers,
    ...(fields.traits ? { traits: fields.traits } : {}),
    ...(fields.properties ? { properties: fields.properties } : {}),
    ...(fields.context ? { context: fields.context } : {}),
  };
}
