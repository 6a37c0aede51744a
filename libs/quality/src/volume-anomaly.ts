import { MAD_TO_SIGMA, median, medianAbsoluteDeviation } from './robust-stats';

const HOURS_PER_WEEK = 168;

/** A source's event counts, one per hour, the last being the hour to judge. */
export interface HourlySeries {
  /** Oldest first, without gaps: an hour with no events is 0. */
  counts: readonly number[];
}

export interface AnomalyOptions {
  /** Same hours of the week to learn from (the baseline). */
  weeks: number;
  /** Fewer same-hour samples than this: too little history to judge. */
  minWeeks: number;
  /** How many robust standard deviations away an hour must be. */
  z: number;
  /** From this many, the flag is critical. */
  criticalZ: number;
  /** A spike is at least this many times the expected count… */
  spikeRatio: number;
  /** …a drop at most this share of it. */
  dropRatio: number;
  /** Fewer expected events than this per hour: too quiet to judge drops. */
  minExpected: number;
  /** Silence: this many hours in a row without events where events were expected. */
  silenceHours: number;
}

/**
 * Defaults measured on a year of synthetic seasonal data (docs/DATA_QUALITY.md): a ×5 spike,
 * a drop to zero and three silent hours are flagged; a holiday at 60 % of normal is not.
 */
export const DEFAULT_ANOMALY_OPTIONS: Readonly<AnomalyOptions> = {
  weeks: 4,
  minWeeks: 3,
  z: 5,
  criticalZ: 10,
  spikeRatio: 3,
  dropRatio: 0.3,
  minExpected: 5,
  silenceHours: 3,
};

export type AnomalyKind = 'spike' | 'drop' | 'silence';
type AnomalySeverity = 'warning' | 'critical';

/** One flagged hour. */
export interface VolumeAnomaly {
  kind: AnomalyKind;
  severity: AnomalySeverity;
  count: number;
  /** The baseline: the median of the same hour in earlier weeks. */
  expected: number;
  /** Robust z-score: (count − expected) / (1.4826 × MAD, at least √expected). */
  score: number;
}

/** What the baseline says of one hour, or undefined without enough history. */
export interface HourBaseline {
  expected: number;
  spread: number;
  samples: number;
}

/** The same hour in up to `weeks` earlier weeks: median and robust spread. */
export function hourBaseline(
  counts: readonly number[],
  index: number,
  options: Pick<AnomalyOptions, 'weeks' | 'minWeeks'>,
): HourBaseline | undefined {
  const samples: number[] = [];
  for (let week = 1; week <= options.weeks; week += 1) {
    const earlier = index - week * HOURS_PER_WEEK;
    if (earlier < 0) break;
    samples.push(counts[earlier]!);
  }
  if (samples.length < options.minWeeks) return undefined;
  const expected = median(samples);
  // Counts are Poisson-like: a quiet hour's spread is at least √expected, so a source
  // sending 4 events an hour does not alert on 9.
  const spread = Math.max(
    MAD_TO_SIGMA * medianAbsoluteDeviation(samples),
    Math.sqrt(Math.max(expected, 1)),
  );
  return { expected, spread, samples: samples.length };
}

/** Judges the last hour of a series against its seasonal baseline. */
export function detectVolumeAnomaly(
  series: HourlySeries,
  options: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS,
): VolumeAnomaly | undefined {
  const last = series.counts.length - 1;
  const baseline = last < 0 ? undefined : hourBaseline(series.counts, last, options);
  if (baseline === undefined) return undefined;
  const count = series.counts[last]!;
  const score = round((count - baseline.expected) / baseline.spread);
  const flag = (kind: AnomalyKind, critical: boolean): VolumeAnomaly => ({
    kind,
    severity: critical || Math.abs(score) >= options.criticalZ ? 'critical' : 'warning',
    count,
    expected: baseline.expected,
    score,
  });

  if (isSilent(series.counts, last, options)) return flag('silence', true);
  if (
    baseline.expected >= options.minExpected &&
    count <= options.dropRatio * baseline.expected &&
    score <= -options.z
  ) {
    return flag('drop', count === 0);
  }
  if (
    count >= options.spikeRatio * Math.max(baseline.expected, 1) &&
    count - baseline.expected >= options.minExpected &&
    score >= options.z
  ) {
    return flag('spike', false);
  }
  return undefined;
}

// Silent: the last `silenceHours` hours had no events, and together they were expected
// to have at least minExpected per hour.
function isSilent(counts: readonly number[], last: number, options: AnomalyOptions): boolean {
  if (last + 1 < options.silenceHours) return false;
  let expected = 0;
  for (let index = last - options.silenceHours + 1; index <= last; index += 1) {
    if (counts[index] !== 0) return false;
    const baseline = hourBaseline(counts, index, options);
    if (baseline === undefined) return false;
    expected += baseline.expected;
  }
  return expected >= options.minExpected * options.silenceHours;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
