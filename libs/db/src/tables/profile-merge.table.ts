import type { Insertable, Selectable } from 'kysely';
import type { GeneratedTimestamp } from './column-types';

/** `cdp_profile_merges`: a profile merged away, and the profile it was merged into. */
export interface ProfileMergeTable {
  tenant_id: string;
  merged_profile_id: string;
  into_profile_id: string;
  /** The event that caused the merge, when there was one. */
  event_id: string | null;
  merged_at: GeneratedTimestamp;
}

export type ProfileMergeRow = Selectable<ProfileMergeTable>;
export type NewProfileMergeRow = Insertable<ProfileMergeTable>;
