import { retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it.each([
    [1, '3', 3000],
    [4, '0', 0],
  ])('honours Retry-After (attempt %i, header %s)', (attempt, header, expected) => {
    expect(retryDelayMs(attempt, 200, header)).toBe(expected);
  });

  it.each([
    [1, 200],
    [2, 400],
    [3, 800],
  ])('backs off exponentially with jitter: attempt %i waits at most %i ms', (attempt, max) => {
    expect(retryDelayMs(attempt, 200, null, () => 1)).toBe(max);
    expect(retryDelayMs(attempt, 200, null, () => 0)).toBe(0);
  });

  it('ignores an unreadable Retry-After', () => {
    expect(retryDelayMs(2, 100, 'soon', () => 0.5)).toBe(100);
  });
});
