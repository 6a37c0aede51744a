import { FreshnessClock } from './freshness-clock';

describe('FreshnessClock', () => {
  it('knows nothing before a read is covered', () => {
    const clock = new FreshnessClock();
    expect(clock.lagMs(1_000)).toBe(Infinity);
    clock.read(1_000, 50n);
    clock.caughtUp(49n);
    expect(clock.lagMs(1_500)).toBe(Infinity);
  });

  it('covers a read once a horizon reaches its xmax', () => {
    const clock = new FreshnessClock();
    clock.read(1_000, 50n);
    clock.caughtUp(50n);
    expect(clock.lagMs(1_200)).toBe(200);
  });

  it('moves to the latest read covered, and no further', () => {
    const clock = new FreshnessClock();
    clock.read(1_000, 50n);
    clock.read(1_100, 60n);
    clock.read(1_200, 70n);
    // A transaction from 60 to 69 still runs: only the first two reads are covered.
    clock.caughtUp(65n);
    expect(clock.lagMs(1_300)).toBe(200);
    clock.caughtUp(70n);
    expect(clock.lagMs(1_300)).toBe(100);
  });

  it('holds still while a long transaction holds the horizon', () => {
    const clock = new FreshnessClock();
    clock.read(1_000, 50n);
    clock.caughtUp(50n);
    for (let t = 1_100; t < 5_000; t += 100) {
      clock.read(t, 80n);
      clock.caughtUp(51n);
    }
    expect(clock.lagMs(5_000)).toBe(4_000);
  });

  it('never reports a negative lag', () => {
    const clock = new FreshnessClock();
    clock.read(2_000, 1n);
    clock.caughtUp(1n);
    expect(clock.lagMs(1_999)).toBe(0);
  });
});
