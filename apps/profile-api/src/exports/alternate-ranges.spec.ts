import { alternateRanges, RANGE_END } from './alternate-ranges';
import type { Lane } from './alternate-ranges';

/** A lane of the given ranges, fetched a page at a time, that records how far it got. */
function lane(ranges: readonly number[][], failAtRange?: number) {
  const log = { fetched: 0, closed: false };
  async function* items(): Lane<number> {
    try {
      for (const [index, range] of ranges.entries()) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (index === failAtRange) throw new Error('connection lost');
        for (const item of range) {
          log.fetched += 1;
          yield item;
        }
        yield RANGE_END;
      }
    } finally {
      log.closed = true;
    }
  }
  return { items: items(), log };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const numbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('alternateRanges', () => {
  it.each([
    ['an even number of ranges', 4],
    ['an odd number of ranges', 5],
    ['one range', 1],
  ])('yields the ranges in order with %s', async (_, count) => {
    const ranges = Array.from({ length: count }, (__, i) => numbers(i * 100, i === 2 ? 0 : 100));
    const even = lane(ranges.filter((__, i) => i % 2 === 0));
    const odd = lane(ranges.filter((__, i) => i % 2 === 1));
    expect(await collect(alternateRanges([even.items, odd.items], 10))).toEqual(ranges.flat());
    expect([even.log.closed, odd.log.closed]).toEqual([true, true]);
  });

  it('reads the other lane ahead, no further than the limit', async () => {
    const even = lane([numbers(0, 50), numbers(100, 50)]);
    const odd = lane([numbers(50, 50)]);
    const items = alternateRanges([even.items, odd.items], 20);
    const first = await items.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first.value).toBe(0);
    // The odd lane's range is under way before its turn, and held back at the limit.
    expect(odd.log.fetched).toBeGreaterThan(0);
    expect(odd.log.fetched).toBeLessThanOrEqual(22);
    await items.return(undefined);
    expect([even.log.closed, odd.log.closed]).toEqual([true, true]);
  });

  it('fails when the failed lane’s turn comes, and closes the other lane', async () => {
    const even = lane([numbers(0, 10), numbers(20, 10)]);
    const odd = lane([numbers(10, 10)], 0);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of alternateRanges([even.items, odd.items], 5)) seen.push(item);
      })(),
    ).rejects.toThrow('connection lost');
    expect(seen).toEqual(numbers(0, 10));
    expect([even.log.closed, odd.log.closed]).toEqual([true, true]);
  });
});
