import type { Random } from './random';

/**
 * Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent: a few
 * customers come back very often, most rarely. The cumulative table costs 8 bytes a rank
 * (8 MB for a million) and each draw a binary search.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    readonly exponent: number,
  ) {
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let rank = 0; rank < n; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < n; rank++) this.cumulative[rank]! /= total;
  }

  /** The share of all draws that goes to the most frequent rank. */
  get topShare(): number {
    return this.cumulative[0]!;
  }

  sample(random: Random): number {
    const u = random.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
