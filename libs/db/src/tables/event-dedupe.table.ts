import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Timestamp } from './column-types';

/**
 * `cdp_event_dedupe`: the `event_id`s seen per tenant. A key older than the tenant's dedupe
 * window is expired: it may be claimed again, and retention deletes it.
 */
export interface EventDedupeTable {
  tenant_id: string;
  event_id: string;
  received_at: Timestamp;
  profile_id: string | null;
  occurred_at: Timestamp | null;
}

export type EventDedupeRow = Selectable<EventDedupeTable>;
export type NewEventDedupeRow = Insertable<EventDedupeTable>;
export type EventDedupeUpdate = Updateable<EventDedupeTable>;
