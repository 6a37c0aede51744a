import { lagQuantile } from './inbox-lag';

describe('lagQuantile', () => {
  const before = new Map([
    [0.1, 10],
    [0.5, 10],
    [1, 10],
    [Infinity, 10],
  ]);

  it('interpolates within the bucket holding the rank, counting only what came after `before`', () => {
    // 100 new observations: 50 under 0.1 s, 40 in (0.1, 0.5], 10 in (0.5, 1].
    const after = new Map([
      [0.1, 60],
      [0.5, 100],
      [1, 110],
      [Infinity, 110],
    ]);
    expect(lagQuantile(before, after, 0.5)).toBeCloseTo(0.1);
    expect(lagQuantile(before, after, 0.7)).toBeCloseTo(0.1 + 0.4 * (20 / 40));
    expect(lagQuantile(before, after, 0.99)).toBeCloseTo(0.5 + 0.5 * (9 / 10));
  });

  it('is null when nothing was observed, and the last bound past the buckets', () => {
    expect(lagQuantile(before, before, 0.5)).toBeNull();
    const slow = new Map([...before].map(([le, n]) => [le, le === Infinity ? n + 5 : n]));
    expect(lagQuantile(before, slow, 0.5)).toBe(1);
  });
});
