import { LatencyRecorder } from './latency';

describe('LatencyRecorder', () => {
  it('gives nearest-rank percentiles over every recorded value', () => {
    const recorder = new LatencyRecorder();
    // 1..10000 in shuffled order, past the initial capacity so the buffer grows.
    const values = Array.from({ length: 10_000 }, (_, i) => i + 1).sort(
      (a, b) => ((a * 7919) % 10_007) - ((b * 7919) % 10_007),
    );
    for (const v of values) recorder.record(v);
    expect(recorder.summary()).toEqual({
      count: 10_000,
      p50: 5000,
      p95: 9500,
      p99: 9900,
      max: 10_000,
      mean: 5000.5,
    });
  });

  it('summarizes nothing as zeros', () => {
    expect(new LatencyRecorder().summary()).toEqual({
      count: 0,
      p50: 0,
      p95: 0,
      p99: 0,
      max: 0,
      mean: 0,
    });
  });
});
