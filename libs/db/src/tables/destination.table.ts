import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { GeneratedTimestamp } from './column-types';
import type { ConsentPurpose } from './consent.table';
import type { EventType } from './event.table';

/** A nullable `timestamptz` column, absent on insert. */
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

/**
 * `cdp_destinations`: a tenant's webhook destinations. `secret` is kept in clear because
 * signing needs it; the API shows it once, at creation. Deleted ones keep their row
 * (`deleted_at`) so the delivery log keeps naming them.
 */
export interface DestinationTable {
  tenant_id: string;
  destination_id: Generated<string>;
  name: string;
  url: string;
  /** `whsec_` and base64: the Standard Webhooks signing secret. */
  secret: string;
  /** Event types sent; null sends no events. */
  event_types: EventType[] | null;
  /** Event names sent (of those types); null sends any name. */
  event_names: string[] | null;
  /** Segments whose entries and exits are sent; null sends none. */
  segment_ids: string[] | null;
  /** Whether profile updates and merges are sent. */
  profile_updates: Generated<boolean>;
  /** The purpose a profile must have granted for anything about it to be sent. */
  consent_purpose: ConsentPurpose | null;
  /** Whether volume anomalies of the tenant's sources are sent (`source.anomaly`). */
  alerts: Generated<boolean>;
  enabled: Generated<boolean>;
  /** Why it was disabled, when the platform disabled it (a receiver's 410). */
  disabled_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  deleted_at: NullableTimestamp;
}

export type DestinationRow = Selectable<DestinationTable>;
export type NewDestinationRow = Insertable<DestinationTable>;
export type DestinationUpdate = Updateable<DestinationTable>;
