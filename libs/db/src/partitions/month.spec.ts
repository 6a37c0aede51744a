import { addUtcMonths, eventPartitionName, startOfUtcMonth } from './month';

describe('UTC months', () => {
  it.each([
    ['2026-03-15T10:00:00Z', '2026-03-01T00:00:00.000Z'],
    ['2026-03-31T23:30:00-01:00', '2026-04-01T00:00:00.000Z'],
    ['2026-04-01T01:00:00+02:00', '2026-03-01T00:00:00.000Z'],
  ])('the month of %s starts at %s', (at, start) => {
    expect(startOfUtcMonth(new Date(at)).toISOString()).toBe(start);
  });

  it.each([
    [1, '2027-01-01T00:00:00.000Z'],
    [-12, '2025-12-01T00:00:00.000Z'],
    [-25, '2024-11-01T00:00:00.000Z'],
  ])('adds %i months across years', (months, expected) => {
    expect(addUtcMonths(new Date('2026-12-01T00:00:00Z'), months).toISOString()).toBe(expected);
  });

  it('names partitions with a zero-padded month', () => {
    expect(eventPartitionName(new Date('2026-02-10T00:00:00Z'))).toBe('cdp_events_p2026_02');
    expect(eventPartitionName(new Date('2026-11-30T23:59:59Z'))).toBe('cdp_events_p2026_11');
  });
});
