import { ProfileCache } from './profile-cache';
import type { CachedAnswer } from './profile-cache';

/** A cache whose clock says every change up to `now` is applied. */
function freshCache(maxBytes = 1_000_000) {
  let now = 10_000;
  const cache = new ProfileCache({ maxBytes, maxLagMs: 1_000, now: () => now });
  cache.clock.read(now, 1n);
  cache.clock.caughtUp(1n);
  return {
    cache,
    advance: (ms: number) => (now += ms),
  };
}

const answerOf = (json: string, ...profileIds: string[]): CachedAnswer => ({ json, profileIds });

/** A load that returns what it is given, and counts its calls. */
function loader(answer: CachedAnswer) {
  const load = jest.fn(() => Promise.resolve(answer));
  return load;
}

/** Misses a key twice, as the doorkeeper asks before an answer is kept. */
async function keep(cache: ProfileCache, key: string, answer: CachedAnswer): Promise<void> {
  await cache.answer(key, loader(answer));
  await cache.answer(key, loader(answer));
}

/** A load that waits until released, to interleave a change with it. */
function pausedLoad(answer: CachedAnswer) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { load: () => gate.then(() => answer), release: () => release() };
}

describe('ProfileCache', () => {
  it('keeps an answer on its key’s second miss, then answers from memory', async () => {
    const { cache } = freshCache();
    const load = loader(answerOf('{"a":1}', 'p1'));
    expect(await cache.answer('k', load)).toEqual({ json: '{"a":1}', outcome: 'miss' });
    // Asked once: not kept, so one-off look-ups do not churn the cache.
    expect(cache.size).toBe(0);
    expect(await cache.answer('k', load)).toEqual({ json: '{"a":1}', outcome: 'miss' });
    expect(cache.size).toBe(1);
    expect(await cache.answer('k', load)).toEqual({ json: '{"a":1}', outcome: 'hit' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.bytes).toBeGreaterThan(0);
  });

  it('drops every answer depending on a changed profile, and only those', async () => {
    const { cache } = freshCache();
    await keep(cache, 'by-id', answerOf('1', 'survivor', 'merged'));
    await keep(cache, 'by-hash', answerOf('1', 'survivor', 'merged'));
    await keep(cache, 'other', answerOf('2', 'other'));
    cache.changed(['merged']);
    expect(cache.size).toBe(1);
    const reload = loader(answerOf('3', 'survivor'));
    expect(await cache.answer('by-id', reload)).toEqual({ json: '3', outcome: 'miss' });
    expect((await cache.answer('other', reload)).outcome).toBe('hit');
  });

  it('does not keep an answer read while one of its profiles changed', async () => {
    const { cache } = freshCache();
    await cache.answer('k', loader(answerOf('first', 'p1')));
    const slow = pausedLoad(answerOf('before the change', 'p1'));
    const answering = cache.answer('k', slow.load);
    cache.changed(['p1']);
    slow.release();
    expect(await answering).toEqual({ json: 'before the change', outcome: 'miss' });
    expect(cache.size).toBe(0);
    const next = loader(answerOf('after the change', 'p1'));
    expect(await cache.answer('k', next)).toEqual({ json: 'after the change', outcome: 'miss' });
  });

  it('keeps an answer read while other profiles changed', async () => {
    const { cache } = freshCache();
    await cache.answer('k', loader(answerOf('x', 'p1')));
    const slow = pausedLoad(answerOf('x', 'p1'));
    const answering = cache.answer('k', slow.load);
    cache.changed(['p2']);
    slow.release();
    await answering;
    expect((await cache.answer('k', loader(answerOf('y', 'p1')))).outcome).toBe('hit');
  });

  it('reads from the database while the feed trails by more than the allowed lag', async () => {
    const { cache, advance } = freshCache();
    await keep(cache, 'k', answerOf('old', 'p1'));
    advance(1_001);
    const load = loader(answerOf('new', 'p1'));
    expect(await cache.answer('k', load)).toEqual({ json: 'new', outcome: 'bypass' });
    // Fresh again once a read is covered: the kept answer is served (the changes, if any,
    // were applied before the clock moved).
    cache.clock.read(11_001, 2n);
    cache.clock.caughtUp(2n);
    expect((await cache.answer('k', load)).outcome).toBe('hit');
  });

  it('serves nothing from memory before the feed has been read', async () => {
    const cache = new ProfileCache({ maxBytes: 1_000_000, maxLagMs: 1_000 });
    const load = loader(answerOf('x', 'p1'));
    await cache.answer('k', load);
    expect((await cache.answer('k', load)).outcome).toBe('bypass');
    expect(cache.size).toBe(0);
  });

  it('is off with no memory', async () => {
    const { cache } = freshCache(0);
    const load = loader(answerOf('x', 'p1'));
    await cache.answer('k', load);
    expect((await cache.answer('k', load)).outcome).toBe('bypass');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('evicts the least recently used within its memory, and unindexes it', async () => {
    // Each entry: text + key + 256 bytes, so three fit and a fourth evicts one.
    const { cache } = freshCache(3 * (100 + 2 + 256));
    const text = 'x'.repeat(100);
    for (const key of ['k1', 'k2', 'k3']) await keep(cache, key, answerOf(text, key));
    await cache.answer('k1', loader(answerOf(text, 'k1')));
    await keep(cache, 'k4', answerOf(text, 'k4'));
    expect(cache.size).toBe(3);
    expect((await cache.answer('k2', loader(answerOf(text, 'k2')))).outcome).toBe('miss');
    // k2's eviction removed its index entry: a change to it touches nothing now kept.
    cache.changed(['nobody']);
    expect((await cache.answer('k1', loader(answerOf(text, 'k1')))).outcome).toBe('hit');
  });

  it('does not keep an answer larger than its memory', async () => {
    const { cache } = freshCache(300);
    const load = loader(answerOf('x'.repeat(400), 'p1'));
    await cache.answer('k', load);
    await cache.answer('k', load);
    expect(cache.size).toBe(0);
    expect((await cache.answer('k', load)).outcome).toBe('miss');
  });

  it('passes a failed read on and keeps nothing', async () => {
    const { cache } = freshCache();
    await expect(cache.answer('k', () => Promise.reject(new Error('gone')))).rejects.toThrow(
      'gone',
    );
    expect(cache.size).toBe(0);
    expect((await cache.answer('k', loader(answerOf('x', 'p1')))).outcome).toBe('miss');
  });

  it('forgets everything on reset, and keeps no read that began before it', async () => {
    const { cache } = freshCache();
    await keep(cache, 'kept', answerOf('x', 'p1'));
    expect(cache.size).toBe(1);
    const slow = pausedLoad(answerOf('y', 'p2'));
    const answering = cache.answer('slow', slow.load);
    cache.reset();
    expect(cache.size).toBe(0);
    expect(cache.lagMs()).toBe(Infinity);
    // A tail catches up again and the key is missed once more before the slow read ends:
    // that read would be its second miss, yet it began before the reset, so it is not kept.
    cache.clock.read(10_000, 5n);
    cache.clock.caughtUp(5n);
    await cache.answer('slow', loader(answerOf('y', 'p2')));
    slow.release();
    await answering;
    expect(cache.size).toBe(0);
    expect((await cache.answer('kept', loader(answerOf('x', 'p1')))).outcome).toBe('miss');
  });
});
