import type { ColumnType, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { GeneratedTimestamp, JsonArrayColumn, JsonValue } from './column-types';

/** One problem with one field, as the ingest answer reported it. */
export interface RejectedEventIssue {
  path: string;
  message: string;
}

/**
 * `cdp_rejected_events`: events the ingest path refused, kept 7 days (see runRetention).
 * The payload never holds a raw identifier value: only hashes.
 */
export interface RejectedEventTable {
  tenant_id: string;
  /** Insertion order, `bigint` read as a number (the pool parses int8): page order and cursor. */
  seq: GeneratedAlways<number>;
  rejected_at: GeneratedTimestamp;
  source_id: string | null;
  /** `events`, `segment` or `posthog`. */
  route: string;
  event_id: string | null;
  /** Position of the event in its request. */
  event_index: number;
  /** One of REJECTION_REASONS (@stratum/schemas), checked by the table. */
  reason: string;
  errors: JsonArrayColumn<RejectedEventIssue>;
  /** JSON text on insert (a payload may be any JSON value); null when it could not be kept. */
  payload: ColumnType<JsonValue | null, string | null, string | null>;
}

export type RejectedEventRow = Selectable<RejectedEventTable>;
export type NewRejectedEventRow = Insertable<RejectedEventTable>;
