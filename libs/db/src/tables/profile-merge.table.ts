import type { Generated, Insertable, Selectable } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from './column-types';
import type { IdentifierType } from './profile-identifier.table';

/** `cdp_profile_merges`: a profile merged away, and the profile it was merged into. */
export interface ProfileMergeTable {
  tenant_id: string;
  /** Names the merge, for a split (SPEC §17). */
  merge_id: Generated<string>;
  merged_profile_id: string;
  into_profile_id: string;
  /** The event that caused the merge, when there was one. */
  event_id: string | null;
  merged_at: GeneratedTimestamp;
}

export type ProfileMergeRow = Selectable<ProfileMergeTable>;
export type NewProfileMergeRow = Insertable<ProfileMergeTable>;

/**
 * `cdp_profile_merge_identifiers`: the identifiers a merged profile held when it was merged,
 * what a split gives back. Deleted with their merge.
 */
export interface ProfileMergeIdentifierTable {
  tenant_id: string;
  merged_profile_id: string;
  identifier_type: IdentifierType;
  identifier_hash: string;
}

/** `cdp_profile_splits`: a split merge, and the pair of profiles it keeps apart from then on. */
export interface ProfileSplitTable {
  tenant_id: string;
  split_id: Generated<string>;
  merge_id: string;
  /** The surviving profile the merge was split from. */
  profile_id: string;
  /** The merged-away profile the split restored. */
  restored_profile_id: string;
  merged_at: Timestamp;
  merge_event_id: string | null;
  identifiers_moved: number;
  events_moved: number;
  split_at: GeneratedTimestamp;
}

export type ProfileSplitRow = Selectable<ProfileSplitTable>;

/** Why merge protection refused a merge (SPEC §3). */
export type RefusedMergeReason = 'identifier_limit' | 'split';

/**
 * `cdp_refused_merges`: a merge merge protection refused, one row per unordered pair of
 * profiles (`profile_a_id` < `profile_b_id`): the first and last event that would have
 * merged them, and how many did.
 */
export interface RefusedMergeTable {
  tenant_id: string;
  profile_a_id: string;
  profile_b_id: string;
  /** The reason of the last refusal. */
  reason: RefusedMergeReason;
  first_event_id: string | null;
  last_event_id: string | null;
  first_refused_at: GeneratedTimestamp;
  last_refused_at: GeneratedTimestamp;
  refusals: number;
}
