import {
  DEFAULT_RETRY_SCHEDULE,
  maxAttempts,
  parseRetryAfter,
  retryDelaySeconds,
} from './retry-schedule';

const low = () => 0;
const high = () => 0.999_999;
const middle = () => 0.5;

describe('retryDelaySeconds', () => {
  it('follows the schedule, about three days from first to last try', () => {
    const delays = DEFAULT_RETRY_SCHEDULE.map((_, i) =>
      retryDelaySeconds(i + 1, { random: middle }),
    );
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
    expect(delays.reduce((sum, d) => sum! + d!, 0)! / 3600).toBeCloseTo(75.58, 1);
    expect(maxAttempts()).toBe(10);
  });

  it('spreads each delay by at most a fifth either way', () => {
    expect(retryDelaySeconds(2, { random: low })).toBeCloseTo(240);
    expect(retryDelaySeconds(2, { random: high })).toBeCloseTo(360);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelaySeconds(1)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('is done after the last attempt', () => {
    expect(retryDelaySeconds(10)).toBeUndefined();
    expect(retryDelaySeconds(0)).toBeUndefined();
    expect(retryDelaySeconds(2, { schedule: [1] })).toBeUndefined();
    expect(maxAttempts([1, 2])).toBe(3);
  });

  it('honours a longer Retry-After, capped at a day', () => {
    expect(retryDelaySeconds(1, { random: middle, retryAfterSeconds: 120 })).toBe(120);
    expect(retryDelaySeconds(3, { random: middle, retryAfterSeconds: 120 })).toBe(1800);
    expect(retryDelaySeconds(1, { random: middle, retryAfterSeconds: 10 ** 9 })).toBe(86400);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');

  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Tue, 24 Nov 2026 12:01:30 GMT', 90],
    ['Tue, 24 Nov 2026 11:00:00 GMT', 0],
  ])('reads %p as %p seconds', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });

  it.each([undefined, null, '', '-5', '1.5', 'soon', 'Tuesday'])('ignores %p', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
