import type { Insertable, Selectable, Updateable } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from './column-types';

/** The identifier types, in no particular order (resolution owns the priority). */
export const IDENTIFIER_TYPES = [
  'email',
  'phone',
  'external_id',
  'anonymous_id',
  'device_id',
] as const;

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** `cdp_profile_identifiers`: which profile a hashed identifier belongs to. */
export interface ProfileIdentifierTable {
  tenant_id: string;
  identifier_type: IdentifierType;
  /** Lowercase hex SHA-256 of the normalized value. */
  identifier_hash: string;
  profile_id: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  created_at: GeneratedTimestamp;
}

export type ProfileIdentifierRow = Selectable<ProfileIdentifierTable>;
export type NewProfileIdentifierRow = Insertable<ProfileIdentifierTable>;
export type ProfileIdentifierUpdate = Updateable<ProfileIdentifierTable>;
