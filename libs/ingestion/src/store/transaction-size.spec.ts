import { chunkBySize } from './transaction-size';

describe('chunkBySize', () => {
  const size = (n: number) => n;

  it('cuts runs whose sizes add up to at most the maximum, in order', () => {
    expect(chunkBySize([400, 500, 200, 900, 100], size, 1000)).toEqual([
      [400, 500],
      [200],
      [900, 100],
    ]);
  });

  it('keeps an item larger than the maximum on its own, and makes nothing of nothing', () => {
    expect(chunkBySize([1500, 10], size, 1000)).toEqual([[1500], [10]]);
    expect(chunkBySize([], size, 1000)).toEqual([]);
  });
});
