import { upsertSourceHours, upsertVolumeAnomalies } from '@stratum/db';
import type { Db, NewSourceHourRow } from '@stratum/db';
import { detectVolumeAnomaly, syntheticSeries } from '@stratum/quality';
import type { AnomalyKind, VolumeAnomaly } from '@stratum/quality';

const HOUR_MS = 3_600_000;
// What the worker samples per source-hour at most.
const SAMPLE_SIZE = 5000;
// The worked example of docs/DATA_QUALITY.md: 75 % email, 25 % phone, every event an IP.
const KEY_SHARES = { email: 0.75, phone: 0.25, ip: 1 } as const;

/** What to replay. */
export interface ReplayOptions {
  tenantId: string;
  sourceId: string;
  weeks: number;
  seed: number;
  /** Events in a weekday's busiest hour. */
  peakPerHour: number;
  /** What to do to the last hour (silence: the last three). */
  anomaly?: AnomalyKind;
  now?: Date;
}

/** What the replay wrote and what detection made of its last hour. */
export interface ReplayResult {
  from: Date;
  /** The last hour written: the last complete one. */
  last: Date;
  hours: number;
  lastCount: number;
  anomaly: VolumeAnomaly | undefined;
}

/**
 * Writes a synthetic history (syntheticSeries: daily and weekly rhythm, noise) into the
 * source's hours, ending at the last complete hour, spoils the end as asked, and judges
 * the last hour as the worker's source-hours task does; a flag is recorded like the task's.
 * Upserts: a replay over real hours replaces them.
 */
export async function replayHistory(db: Db, options: ReplayOptions): Promise<ReplayResult> {
  const hours = options.weeks * 168;
  const counts = syntheticSeries({ hours, peakPerHour: options.peakPerHour, seed: options.seed });
  spoil(counts, options.anomaly);
  const now = (options.now ?? new Date()).getTime();
  const last = Math.floor(now / HOUR_MS) * HOUR_MS - HOUR_MS;
  const from = last - (hours - 1) * HOUR_MS;
  const rows = counts.map((accepted, index): NewSourceHourRow => {
    const sampled = Math.min(accepted, SAMPLE_SIZE);
    return {
      tenant_id: options.tenantId,
      source_id: options.sourceId,
      hour: new Date(from + index * HOUR_MS),
      accepted,
      sampled,
      email: Math.round(sampled * KEY_SHARES.email),
      phone: Math.round(sampled * KEY_SHARES.phone),
      ip: sampled,
    };
  });
  // In chunks: a year of hours is more parameters than one statement takes.
  for (let start = 0; start < rows.length; start += 1000) {
    await upsertSourceHours(db, rows.slice(start, start + 1000));
  }
  const anomaly = detectVolumeAnomaly({ counts });
  if (anomaly !== undefined) {
    await upsertVolumeAnomalies(db, [
      {
        tenant_id: options.tenantId,
        source_id: options.sourceId,
        hour: new Date(last),
        ...anomaly,
      },
    ]);
  }
  return {
    from: new Date(from),
    last: new Date(last),
    hours,
    lastCount: counts.at(-1) ?? 0,
    anomaly,
  };
}

function spoil(counts: number[], anomaly: AnomalyKind | undefined): void {
  const last = counts.length - 1;
  if (anomaly === 'drop') counts[last] = 0;
  if (anomaly === 'spike') counts[last] = Math.max(counts[last]! * 5, 50);
  if (anomaly === 'silence') for (let i = last - 2; i <= last; i += 1) counts[i] = 0;
}
