import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

// What a trait or property must look like to be read as a date: ISO 8601, a year from 1000,
// a month 01-12, a day 01-31, an optional time and offset (within PostgreSQL's ±15:59).
// PostgreSQL 15 has no pg_input_is_valid, and a failed cast would fail the whole query, so
// only text that this pattern and the day-of-month check accept is ever cast.
const ISO_DATE_PATTERN =
  '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' +
  '(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?' +
  '(Z|[+-](0[0-9]|1[0-5])(:?[0-5][0-9])?)?)?$';
const OFFSET_PATTERN = 'T.*(Z|[+-][0-9]{2}(:?[0-9]{2})?)$';

/**
 * Whether jsonb `value` is a string that reads as an ISO 8601 date, and if it is, the
 * comparison `compare` applied to its instant (a date or a time without offset is UTC).
 * Nested CASEs, not AND: PostgreSQL does not promise to evaluate AND's operands in order,
 * and the cast must never see text the checks refused. `candidate`, when given, is a cheap
 * test of the text that every match passes: the checks and the cast run only for strings
 * that pass it, which is most of a date comparison's cost over a whole tenant.
 */
export function whenJsonDate(
  value: RawBuilder<unknown>,
  compare: (instant: RawBuilder<Date>) => RawBuilder<boolean>,
  candidate?: (text: RawBuilder<string>) => RawBuilder<boolean>,
): RawBuilder<boolean> {
  const text = sql<string>`(${value} #>> '{}')`;
  const instant = sql<Date>`(case when ${text} ~ ${OFFSET_PATTERN}
    then ${text}::timestamptz else ${text}::timestamp at time zone 'UTC' end)`;
  const lastDayOfMonth = sql<number>`extract(day from make_date(
    substr(${text}, 1, 4)::int, substr(${text}, 6, 2)::int, 1) + interval '1 month - 1 day')`;
  const cheap = candidate === undefined ? sql<boolean>`true` : candidate(text);
  return sql<boolean>`case when jsonb_typeof(${value}) = 'string' and ${cheap} and ${text} ~ ${ISO_DATE_PATTERN}
    then case when substr(${text}, 9, 2)::int <= ${lastDayOfMonth} then ${compare(instant)} else false end
    else false end`;
}
