import type { ExportedProfile } from '@stratum/schemas';
import type { ProfileExportRow } from './profile-export.repository';

/** The columns of a profiles export, in CSV order. */
export const PROFILE_EXPORT_COLUMNS = [
  'profile_id',
  'created_at',
  'updated_at',
  'first_seen_at',
  'last_seen_at',
  'event_count',
  'traits',
  'identifiers',
  'consents',
] as const satisfies readonly (keyof ExportedProfile)[];

/** A profile as exported: its members in column order, so JSON and CSV agree. */
export function profileRowToExport(row: ProfileExportRow): ExportedProfile {
  return {
    profile_id: row.profile_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    first_seen_at: row.first_seen_at,
    last_seen_at: row.last_seen_at,
    event_count: row.event_count,
    traits: row.traits,
    identifiers: row.identifiers,
    consents: row.consents,
  };
}
