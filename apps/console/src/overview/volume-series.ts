import type { SourceHour, VolumeAnomaly } from '@stratum/schemas';

/** One bar of the volume chart: an hour's counts, and the anomaly flagged on it if any. */
export interface VolumePoint {
  hour: string;
  label: string;
  accepted: number;
  rejected: number;
  anomaly: VolumeAnomaly['kind'] | null;
}

/**
 * The chart's points for one source: its summarised hours, oldest first, each labelled by
 * day and hour (UTC) and carrying the kind of anomaly flagged on it. Pure, for the chart.
 */
export function volumeSeries(
  hours: readonly SourceHour[],
  anomalies: readonly VolumeAnomaly[],
): VolumePoint[] {
  const flagged = new Map(anomalies.map((a) => [Date.parse(a.hour), a.kind]));
  return hours.map((h) => ({
    hour: h.hour,
    label: `${h.hour.slice(5, 10)} ${h.hour.slice(11, 13)}h`,
    accepted: h.accepted,
    rejected: h.rejected + h.suppressed,
    anomaly: flagged.get(Date.parse(h.hour)) ?? null,
  }));
}
