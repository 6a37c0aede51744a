import type { ColumnType, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { GeneratedJsonObjectColumn, GeneratedTimestamp } from './column-types';

/** What the change feed records. */
export const CHANGE_KINDS = [
  'profile.created',
  'profile.updated',
  'profile.merged',
  'consent.changed',
  'event.stored',
  'segment.entered',
  'segment.exited',
  'profile.erased',
  'profile.split',
  'profile.merge_refused',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** An `xid8` column: a 64-bit transaction id, read as decimal text (the pool has no parser). */
export type Xid8Column = ColumnType<string, string | undefined, string>;

/**
 * `cdp_changes`: the change feed (outbox), written by the write path in the transaction that
 * makes the change. Read in (xid, change_id) order below the readers' snapshot xmin: see the
 * migration 2026_11_24_1320_create_changes and @stratum/changes.
 */
export interface ChangeTable {
  tenant_id: string;
  /** Insertion order, `bigint` read as a number (the pool parses int8). */
  change_id: GeneratedAlways<number>;
  /** The writing transaction (`pg_current_xact_id()`), the first half of the feed order. */
  xid: Xid8Column;
  kind: ChangeKind;
  profile_id: string | null;
  recorded_at: GeneratedTimestamp;
  /** Small, kind-specific: see docs/SCHEMA.md. */
  data: GeneratedJsonObjectColumn;
}

export type ChangeRow = Selectable<ChangeTable>;
export type NewChangeRow = Insertable<ChangeTable>;

/** `cdp_change_cursors`: each consumer's position in the feed (last change it handled). */
export interface ChangeCursorTable {
  consumer: string;
  last_xid: string;
  last_change_id: number;
  updated_at: GeneratedTimestamp;
}

export type ChangeCursorRow = Selectable<ChangeCursorTable>;
