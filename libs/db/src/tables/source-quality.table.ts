import type { Generated, Insertable, Selectable } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from './column-types';

/**
 * `cdp_source_hours`: one source's hour as the worker summarised it. `accepted` counts every
 * event received in the hour; the key columns count, among the `sampled` events, those
 * carrying each match key. Counts default to 0 on insert.
 */
export interface SourceHourTable {
  tenant_id: string;
  source_id: string;
  /** The start of the hour (UTC). */
  hour: Timestamp;
  accepted: Generated<number>;
  rejected: Generated<number>;
  suppressed: Generated<number>;
  sampled: Generated<number>;
  email: Generated<number>;
  phone: Generated<number>;
  external_id: Generated<number>;
  click_id: Generated<number>;
  ip: Generated<number>;
  user_agent: Generated<number>;
  computed_at: GeneratedTimestamp;
}

export type SourceHourRow = Selectable<SourceHourTable>;
export type NewSourceHourRow = Insertable<SourceHourTable>;

/** `cdp_volume_anomalies`: an hour of a source flagged against its seasonal baseline. */
export interface VolumeAnomalyTable {
  tenant_id: string;
  source_id: string;
  hour: Timestamp;
  /** `spike`, `drop` or `silence`. */
  kind: string;
  /** `warning` or `critical`. */
  severity: string;
  count: number;
  expected: number;
  score: number;
  detected_at: GeneratedTimestamp;
}

export type VolumeAnomalyRow = Selectable<VolumeAnomalyTable>;
export type NewVolumeAnomalyRow = Insertable<VolumeAnomalyTable>;
