import { median, medianAbsoluteDeviation } from './robust-stats';
import { mulberry32, syntheticSeries } from './synthetic-series';

describe('syntheticSeries', () => {
  it('is the same for the same seed and differs for another', () => {
    const options = { hours: 24 * 7, peakPerHour: 200, seed: 5 };
    expect(syntheticSeries(options)).toEqual(syntheticSeries(options));
    expect(syntheticSeries({ ...options, seed: 6 })).not.toEqual(syntheticSeries(options));
  });

  it('averages what it was asked for, quiet sources included', () => {
    // A weekday's 14:00 at a peak of 8 an hour, over many Mondays: Poisson around 8.
    const weeks = 400;
    const counts = syntheticSeries({ hours: weeks * 168, peakPerHour: 8, seed: 9 });
    const mondaysAt14 = counts.filter((_, hour) => hour % 168 === 14);
    const mean = mondaysAt14.reduce((a, b) => a + b, 0) / weeks;
    expect(mean).toBeGreaterThan(7.3);
    expect(mean).toBeLessThan(8.7);
  });

  it('runs holidays at the level asked', () => {
    const normal = syntheticSeries({ hours: 48, peakPerHour: 1000, seed: 3 });
    const holiday = syntheticSeries({
      hours: 48,
      peakPerHour: 1000,
      seed: 3,
      holidays: [1],
      holidayLevel: 0.5,
    });
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(holiday.slice(0, 24))).toBe(sum(normal.slice(0, 24)));
    expect(sum(holiday.slice(24)) / sum(normal.slice(24))).toBeCloseTo(0.5, 1);
  });

  it('draws uniform numbers in [0, 1)', () => {
    const random = mulberry32(1);
    const draws = Array.from({ length: 10_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(median(draws)).toBeCloseTo(0.5, 1);
  });
});

describe('robust statistics', () => {
  it('median and MAD ignore one wild value', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(medianAbsoluteDeviation([10, 11, 9, 10, 1000])).toBe(1);
  });
});
