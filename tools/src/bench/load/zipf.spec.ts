import { Random } from './random';
import { ZipfSampler } from './zipf';

describe('ZipfSampler', () => {
  it('draws ranks in range, the first about as often as its share says', () => {
    const sampler = new ZipfSampler(1000, 1);
    const random = new Random(42);
    const counts = new Array<number>(1000).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[sampler.sample(random)]! += 1;
    // H(1000) = 7.485…: rank 0 gets 1/H of the draws, rank 1 half of that.
    expect(sampler.topShare).toBeCloseTo(1 / 7.4855, 3);
    expect(counts[0]! / draws).toBeCloseTo(sampler.topShare, 2);
    expect(counts[1]! / counts[0]!).toBeCloseTo(0.5, 1);
    expect(counts.every((c) => c >= 0)).toBe(true);
  });

  it('is uniform with exponent 0', () => {
    expect(new ZipfSampler(4, 0).topShare).toBeCloseTo(0.25, 10);
  });
});

describe('Random', () => {
  it('repeats its sequence for the same seed', () => {
    const a = new Random(7);
    const b = new Random(7);
    const seq = (r: Random) => Array.from({ length: 5 }, () => r.int(0, 1000));
    expect(seq(a)).toEqual(seq(b));
  });
});
