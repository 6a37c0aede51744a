import { EVENT_TYPES } from '@stratum/db';
import type { DestinationRow, DestinationUpdate } from '@stratum/db';
import type { DestinationFilters, DestinationRecord } from './destination.types';

/** The columns {@link destinationRowToRecord} reads: every one but the secret. */
export const DESTINATION_COLUMNS = [
  'tenant_id',
  'destination_id',
  'name',
  'url',
  'event_types',
  'event_names',
  'segment_ids',
  'profile_updates',
  'consent_purpose',
  'alerts',
  'enabled',
  'disabled_reason',
  'created_at',
  'updated_at',
] as const;

type DestinationColumns = Pick<DestinationRow, (typeof DESTINATION_COLUMNS)[number]>;

/** Maps a row to a {@link DestinationRecord}. */
export function destinationRowToRecord(row: DestinationColumns): DestinationRecord {
  return {
    tenantId: row.tenant_id,
    destinationId: row.destination_id,
    name: row.name,
    url: row.url,
    events: row.event_types === null ? null : { types: row.event_types, names: row.event_names },
    segmentIds: row.segment_ids ?? [],
    profileUpdates: row.profile_updates,
    consentPurpose: row.consent_purpose,
    alerts: row.alerts,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The columns of the filters that are given. `events: {}` stores every type, so that
 * "events wanted" is one test (`event_types IS NOT NULL`); an empty segment list stores null.
 */
export function filterColumns(
  filters: DestinationFilters,
): Pick<
  DestinationUpdate,
  'event_types' | 'event_names' | 'segment_ids' | 'profile_updates' | 'consent_purpose' | 'alerts'
> {
  const columns: ReturnType<typeof filterColumns> = {};
  if (filters.events !== undefined) {
    columns.event_types =
      filters.events === null ? null : (filters.events.types ?? [...EVENT_TYPES]);
    columns.event_names = filters.events?.names ?? null;
  }
  if (filters.segmentIds !== undefined) {
    columns.segment_ids = filters.segmentIds?.length ? filters.segmentIds : null;
  }
  if (filters.profileUpdates !== undefined) columns.profile_updates = filters.profileUpdates;
  if (filters.consentPurpose !== undefined) columns.consent_purpose = filters.consentPurpose;
  if (filters.alerts !== undefined) columns.alerts = filters.alerts;
  return columns;
}
