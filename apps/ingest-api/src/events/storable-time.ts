import type { Issue } from '../identifiers/hash-identifiers';

// The instants cdp_events can take as they are written (toISOString, in UTC): PostgreSQL has
// no year 0000 (1 BC precedes 1 AD) and misreads the expanded years (+010000-…) past 9999.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

const RANGE = 'from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z in UTC';

/** Whether `time` can be stored as an event's time. */
export function isStorableTime(time: Date): boolean {
  const ms = time.getTime();
  return ms >= EARLIEST && ms <= LATEST;
}

/**
 * The issues of a `timestamp` or `sent_at` the schema accepts (4-digit years, any offset) but
 * the database would refuse: 0000-…, or 0001-01-01 with a positive offset, or 9999-12-31 with
 * a negative one, which fall outside the storable range once in UTC.
 */
export function timeRangeIssues(times: { timestamp?: string; sent_at?: string }): Issue[] {
  return (['timestamp', 'sent_at'] as const).flatMap((path) => {
    const time = times[path];
    return time === undefined || isStorableTime(new Date(time))
      ? []
      : [{ path, message: `must be ${RANGE}` }];
  });
}

/** The issue of a storable `timestamp` that the clock correction by `sent_at` moved out. */
export const CORRECTED_OUT_OF_RANGE: Issue = {
  path: 'timestamp',
  message: `once corrected for the producer's clock (by sent_at), must be ${RANGE}`,
};
