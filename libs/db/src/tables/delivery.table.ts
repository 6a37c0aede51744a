import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DeliveryStatus } from '@stratum/schemas';
import type { GeneratedTimestamp } from './column-types';

/** A nullable `timestamptz` column, absent on insert. */
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export type { DeliveryStatus } from '@stratum/schemas';

/** `cdp_deliveries`: one payload for one destination, with its attempts' outcome. */
export interface DeliveryTable {
  tenant_id: string;
  delivery_id: Generated<string>;
  destination_id: string;
  /** The change it was fanned out from (`bigint`, read as a number); null for test sends. */
  change_id: number | null;
  /** What it is about within its change: an event id, or a profile id. */
  subject_id: string | null;
  profile_id: string | null;
  /** The payload's `type`, e.g. `event.received`. */
  type: string;
  /** The exact body sent and signed, on every attempt. */
  body: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  /** The HTTP status of the last attempt, if it got one. */
  last_status: number | null;
  /** Why the last attempt failed, in words; never a payload or an identifier. */
  last_error: string | null;
  latency_ms: number | null;
  next_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  delivered_at: NullableTimestamp;
}

export type DeliveryRow = Selectable<DeliveryTable>;
export type NewDeliveryRow = Insertable<DeliveryTable>;
