import type { GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { Timestamp } from './column-types';

/**
 * `cdp_inbox`: events accepted asynchronously, waiting for the worker's resolver (see the
 * migration 2026_11_24_2330_create_inbox and @stratum/ingestion). No raw identifier: the
 * event is already hashed.
 */
export interface InboxTable {
  /** Append order, `bigint` read as a number (the pool parses int8). */
  inbox_id: GeneratedAlways<number>;
  tenant_id: string;
  /** 0–255, from the event's leading identifier: which resolver takes it. */
  lane: number;
  source_id: string | null;
  received_at: Timestamp;
  /** `events`, `segment` or `posthog`: the route that accepted it. */
  route: string;
  /** Its position in its request, for the rejected-events log. */
  event_index: number;
  /** JSON text: what resolution needs (see encodeInboxEvent). */
  resolution: string;
  /** The stored event row's columns as unclosed JSON text (NormalizedEvent.rowJson). */
  event_row: string;
}

export type InboxRow = Selectable<InboxTable>;
export type NewInboxRow = Insertable<InboxTable>;
