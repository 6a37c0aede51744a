import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  GeneratedJsonObjectColumn,
  GeneratedTimestamp,
  JsonObject,
  Timestamp,
} from './column-types';

/** `cdp_profiles`: one unified customer. */
export interface ProfileTable {
  tenant_id: string;
  profile_id: Generated<string>;
  traits: GeneratedJsonObjectColumn<JsonObject>;
  /** Per trait key, the ISO event time that last set it (a later event wins). */
  trait_timestamps: GeneratedJsonObjectColumn<Record<string, string>>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  /** `bigint`, read as a number (the pool parses int8). */
  event_count: ColumnType<number, number | undefined, number>;
  /** On a merged-away profile: the final surviving profile. */
  merged_into: string | null;
  merged_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type ProfileRow = Selectable<ProfileTable>;
export type NewProfileRow = Insertable<ProfileTable>;
export type ProfileUpdate = Updateable<ProfileTable>;
