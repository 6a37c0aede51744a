import type { Insertable, Selectable } from 'kysely';
import type {
  GeneratedJsonObjectColumn,
  JsonArrayColumn,
  JsonObject,
  JsonObjectColumn,
  Timestamp,
} from './column-types';
import type { IdentifierType } from './profile-identifier.table';

export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'alias'] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** One identifier as stored with an event: its type and hash, never the raw value. */
export interface EventIdentifier {
  type: IdentifierType;
  hash: string;
}

/**
 * `cdp_events`: append-only, partitioned by month on `occurred_at`. There is no `Updateable`
 * type on purpose: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
export interface EventTable {
  tenant_id: string;
  /** The producer's idempotency key, 1 to 128 characters. */
  event_id: string;
  /** UTC event time after clock-skew correction; the partition key. */
  occurred_at: Timestamp;
  received_at: Timestamp;
  sent_at: Timestamp | null;
  source_id: string | null;
  profile_id: string;
  type: EventType;
  name: string | null;
  /** Written as JSON text: `JSON.stringify([{ type, hash }])`. */
  identifiers: JsonArrayColumn<EventIdentifier>;
  traits: JsonObjectColumn<JsonObject> | null;
  properties: GeneratedJsonObjectColumn<JsonObject>;
  context: GeneratedJsonObjectColumn<JsonObject>;
}

export type EventRow = Selectable<EventTable>;
export type NewEventRow = Insertable<EventTable>;
