import type { SegmentComparison, SegmentComparisonOp } from '@stratum/schemas';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { whenJsonDate } from './json-date';

type OrderOp = Extract<SegmentComparisonOp, 'gt' | 'gte' | 'lt' | 'lte'>;

// Fixed SQL for each operator: the operator is chosen from this table, never written from input.
const ORDER: Record<OrderOp, RawBuilder<unknown>> = {
  gt: sql`>`,
  gte: sql`>=`,
  lt: sql`<`,
  lte: sql`<=`,
};

function jsonParameter(value: unknown): RawBuilder<unknown> {
  return sql`${JSON.stringify(value)}::jsonb`;
}

function isPresent(value: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`jsonb_typeof(${value}) <> 'null'`;
}

function ordered(value: RawBuilder<unknown>, op: OrderOp, bound: number | string) {
  if (typeof bound === 'number') {
    // Only a JSON number is cast: casting a JSON string to numeric would fail the query.
    return sql<boolean>`case when jsonb_typeof(${value}) = 'number'
      then (${value})::numeric ${ORDER[op]} ${bound}::numeric else false end`;
  }
  // A date without a time is midnight UTC, as JavaScript and the docs read it.
  const at = new Date(bound).getTime();
  const instant = new Date(at).toISOString();
  return whenJsonDate(
    value,
    (time) => sql<boolean>`${time} ${ORDER[op]} ${instant}::timestamptz`,
    localDateBound(op, at),
  );
}

// A matching text's own date (its first ten characters, in its offset, at most 15:59 from
// UTC) is at most a day from the bound's: compared as text first, most rows never reach the
// checks and the cast. Undefined when the bound's date is not four-digit-year ISO text.
const MAX_OFFSET_MS = 16 * 3_600_000;
function localDateBound(op: OrderOp, at: number) {
  const before = op === 'lt' || op === 'lte';
  const day = new Date(before ? at + MAX_OFFSET_MS : at - MAX_OFFSET_MS).toISOString();
  if (!/^[1-9]\d{3}-\d{2}-\d{2}T/.test(day)) return undefined;
  const date = day.slice(0, 10);
  return (text: RawBuilder<string>) =>
    before
      ? sql<boolean>`left(${text}, 10) collate "C" <= ${date}`
      : sql<boolean>`left(${text}, 10) collate "C" >= ${date}`;
}

/**
 * The SQL of one comparison of the jsonb `value` (a trait, an event property): true, false,
 * or NULL when `value` is missing (callers that negate must make that false). The rules are
 * those of docs/SEGMENTS.md: equality is JSON equality, order compares numbers with
 * numbers and dates with dates, `contains` is a substring or an array element.
 */
export function compileJsonComparison(
  value: RawBuilder<unknown>,
  comparison: SegmentComparison,
): RawBuilder<boolean> {
  switch (comparison.op) {
    case 'exists':
      return isPresent(value);
    case 'eq':
      return sql<boolean>`${value} = ${jsonParameter(comparison.value)}`;
    case 'neq':
      return sql<boolean>`(${isPresent(value)} and ${value} <> ${jsonParameter(comparison.value)})`;
    case 'in':
      // A list of scalars contains [value] only when value equals one of them.
      return sql<boolean>`${jsonParameter(comparison.value)} @> jsonb_build_array(${value})`;
    case 'contains':
      // strpos, not LIKE: the needle's % and _ are plain characters.
      return sql<boolean>`case jsonb_typeof(${value})
        when 'string' then strpos(${value} #>> '{}', ${comparison.value}::text) > 0
        when 'array' then ${value} @> jsonb_build_array(${comparison.value}::text)
        else false end`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return ordered(value, comparison.op, comparison.value);
  }
}

/** The jsonb at a dotted path's segments inside `object`, the path sent as a text[] parameter. */
export function jsonAtPath(object: RawBuilder<unknown>, segments: string[]): RawBuilder<unknown> {
  return sql`(${object} #> ${segments}::text[])`;
}
