import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { GeneratedTimestamp, JsonObjectColumn, Timestamp } from './column-types';

/**
 * `cdp_segments`: a tenant's stored segments, one row each at its current version. Deleted
 * segments keep their row (`deleted_at`) so the membership log keeps naming them.
 */
export interface SegmentTable {
  tenant_id: string;
  segment_id: Generated<string>;
  name: string;
  version: Generated<number>;
  /** A definition as parsed by `SegmentDefinitionSchema` (written only after parsing). */
  definition: JsonObjectColumn;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type SegmentRow = Selectable<SegmentTable>;
export type NewSegmentRow = Insertable<SegmentTable>;

/** `cdp_segment_versions`: every version of every segment, as written. */
export interface SegmentVersionTable {
  tenant_id: string;
  segment_id: string;
  version: number;
  name: string;
  definition: JsonObjectColumn;
  created_at: GeneratedTimestamp;
}

export type SegmentVersionRow = Selectable<SegmentVersionTable>;

/** `cdp_segment_members`: who is in each live segment now, and since when. */
export interface SegmentMemberTable {
  tenant_id: string;
  segment_id: string;
  profile_id: string;
  entered_at: Timestamp;
}

export type SegmentMemberRow = Selectable<SegmentMemberTable>;

export const SEGMENT_MEMBERSHIP_CHANGES = ['entered', 'exited'] as const;
export type SegmentMembershipChange = (typeof SEGMENT_MEMBERSHIP_CHANGES)[number];

/**
 * `cdp_segment_membership_log`: every entry and exit, append-only (a trigger refuses UPDATE,
 * TRUNCATE, and DELETE outside an erasing transaction).
 */
export interface SegmentMembershipLogTable {
  tenant_id: string;
  /** Insertion order, `bigint` read as a number (the pool parses int8). */
  log_id: GeneratedAlways<number>;
  segment_id: string;
  profile_id: string;
  change: SegmentMembershipChange;
  at: Timestamp;
  /** The segment's version whose evaluation made the change. */
  version: number;
}

export type SegmentMembershipLogRow = Selectable<SegmentMembershipLogTable>;
