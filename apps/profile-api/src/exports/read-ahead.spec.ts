import { readAhead } from './read-ahead';

/** A source of `count` numbers, fetched in pages like a cursor, that records what happened. */
function pagedSource(count: number, page: number, failAt?: number) {
  const log = { fetched: 0, closed: false, inFlight: 0, maxAhead: 0 };
  async function* rows() {
    try {
      for (let i = 0; i < count; i += 1) {
        if (i % page === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        if (i === failAt) throw new Error('connection lost');
        log.fetched = i + 1;
        yield i;
      }
    } finally {
      log.closed = true;
    }
  }
  return { rows: rows(), log };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('readAhead', () => {
  it('yields every item, in order', async () => {
    const { rows } = pagedSource(10_000, 1000);
    const out = await collect(readAhead(rows, 2000));
    expect(out).toHaveLength(10_000);
    expect(out.every((value, index) => value === index)).toBe(true);
  });

  it('reads no further than its limit ahead of a slow consumer', async () => {
    const { rows, log } = pagedSource(10_000, 100);
    let consumed = 0;
    for await (const item of readAhead(rows, 500)) {
      consumed = item + 1;
      if (consumed % 250 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(log.fetched - consumed).toBeLessThanOrEqual(501);
      }
    }
    expect(consumed).toBe(10_000);
  });

  it('passes a failure of the source on, after the items before it', async () => {
    const { rows } = pagedSource(1000, 100, 450);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(rows, 300)) seen.push(item);
      })(),
    ).rejects.toThrow('connection lost');
    expect(seen).toHaveLength(450);
  });

  it('closes the source when the consumer stops early', async () => {
    const { rows, log } = pagedSource(10_000, 100);
    for await (const item of readAhead(rows, 300)) if (item === 42) break;
    expect(log.closed).toBe(true);
    expect(log.fetched).toBeLessThan(1000);
  });
});
