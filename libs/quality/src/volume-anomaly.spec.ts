import { syntheticSeries } from './synthetic-series';
import { DEFAULT_ANOMALY_OPTIONS, detectVolumeAnomaly, hourBaseline } from './volume-anomaly';

const WEEK = 168;
const YEAR = 52 * WEEK;

function normalYear(seed = 20261124, weeklyGrowth = 0.005): number[] {
  return syntheticSeries({ hours: YEAR, peakPerHour: 400, weeklyGrowth, seed });
}

/** Every hour judged with the history before it; the flagged ones. */
function flaggedHours(counts: readonly number[], from: number): number[] {
  const flagged: number[] = [];
  for (let hour = from; hour < counts.length; hour += 1) {
    if (detectVolumeAnomaly({ counts: counts.slice(0, hour + 1) }) !== undefined) {
      flagged.push(hour);
    }
  }
  return flagged;
}

// A weekday at 14:00, the busiest hour, late in the year.
const BUSY = 50 * WEEK + 2 * 24 + 14;

describe('detectVolumeAnomaly', () => {
  it('flags a drop to zero as critical', () => {
    const counts = normalYear().slice(0, BUSY + 1);
    counts[BUSY] = 0;
    expect(detectVolumeAnomaly({ counts })).toMatchObject({
      kind: 'drop',
      severity: 'critical',
      count: 0,
    });
  });

  it('flags a ×5 spike', () => {
    const counts = normalYear().slice(0, BUSY + 1);
    counts[BUSY] = counts[BUSY]! * 5;
    const anomaly = detectVolumeAnomaly({ counts });
    expect(anomaly).toMatchObject({ kind: 'spike' });
    expect(anomaly!.score).toBeGreaterThan(DEFAULT_ANOMALY_OPTIONS.z);
  });

  it('flags a source gone silent for three hours, not for two', () => {
    const counts = normalYear().slice(0, BUSY + 1);
    counts[BUSY - 1] = 0;
    counts[BUSY] = 0;
    expect(detectVolumeAnomaly({ counts })?.kind).toBe('drop');
    counts[BUSY - 2] = 0;
    expect(detectVolumeAnomaly({ counts })).toMatchObject({
      kind: 'silence',
      severity: 'critical',
    });
  });

  it('does not flag steady growth or the weekly rhythm over the last eight weeks', () => {
    const growing = normalYear(7, 0.03);
    expect(flaggedHours(growing, YEAR - 8 * WEEK)).toEqual([]);
  });

  it('does not flag a holiday at 60 % of a normal day', () => {
    const holiday = 50 * 7 + 2;
    const counts = syntheticSeries({
      hours: (holiday + 1) * 24,
      peakPerHour: 400,
      weeklyGrowth: 0.005,
      holidays: [holiday],
      seed: 11,
    });
    expect(flaggedHours(counts, holiday * 24)).toEqual([]);
  });

  it('flags rarely on a year of ordinary traffic (the rate docs/DATA_QUALITY.md quotes)', () => {
    let judged = 0;
    let flagged = 0;
    for (const seed of [1, 2, 3]) {
      const counts = normalYear(seed);
      flagged += flaggedHours(counts, 4 * WEEK).length;
      judged += counts.length - 4 * WEEK;
    }
    // 3 × 48 weeks of hours judged; fewer than one false alarm in 2,000 hours.
    expect(judged).toBe(3 * 48 * WEEK);
    expect(flagged / judged).toBeLessThan(0.0005);
  });

  it('stays quiet without enough history, on an empty series, and on quiet sources', () => {
    const counts = normalYear().slice(0, 2 * WEEK + 1);
    counts[2 * WEEK] = 0;
    expect(detectVolumeAnomaly({ counts })).toBeUndefined();
    expect(detectVolumeAnomaly({ counts: [] })).toBeUndefined();
    // Two events an hour, then none: too quiet to call a drop.
    const quiet = Array.from({ length: 4 * WEEK + 1 }, () => 2);
    quiet[4 * WEEK] = 0;
    expect(detectVolumeAnomaly({ counts: quiet })).toBeUndefined();
    // Silence needs three hours.
    expect(detectVolumeAnomaly({ counts: [0, 0] })).toBeUndefined();
  });

  it('takes its options', () => {
    const counts = normalYear().slice(0, BUSY + 1);
    counts[BUSY] = Math.round(counts[BUSY]! * 0.5);
    expect(detectVolumeAnomaly({ counts })).toBeUndefined();
    expect(
      detectVolumeAnomaly({ counts }, { ...DEFAULT_ANOMALY_OPTIONS, dropRatio: 0.6, z: 3 }),
    ).toMatchObject({ kind: 'drop', severity: 'critical' });
  });
});

describe('hourBaseline', () => {
  it('is the median of the same hour in earlier weeks, with a Poisson floor on spread', () => {
    const counts = Array.from({ length: 4 * WEEK + 1 }, (_, hour) =>
      hour % WEEK === 0 ? [100, 110, 90, 400, 0][hour / WEEK]! : 1,
    );
    const options = { weeks: 4, minWeeks: 3 };
    expect(hourBaseline(counts, 4 * WEEK, options)).toEqual({
      expected: 105,
      spread: expect.closeTo(1.4826 * 10, 5) as number,
      samples: 4,
    });
    expect(hourBaseline(counts, 4 * WEEK + 0, { weeks: 2, minWeeks: 3 })).toBeUndefined();
    expect(hourBaseline(counts, 1 + 3 * WEEK, options)?.spread).toBe(1);
  });
});
