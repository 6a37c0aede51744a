import { segmentPathSegments } from '@stratum/schemas';
import type { EventCondition, EventCount, SegmentCountOp } from '@stratum/schemas';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { PROFILE, daysBefore, survivorAndMergedIds, survivorOfRows } from './compile-context';
import type { CompileContext } from './compile-context';
import { compileJsonComparison, jsonAtPath } from './compile-json-comparison';

const DEFAULT_COUNT: EventCount = { op: 'gte', value: 1 };

// Fixed SQL for each operator: the operator is chosen from this table, never written from input.
const COMPARE: Record<SegmentCountOp, RawBuilder<unknown>> = {
  eq: sql`=`,
  neq: sql`<>`,
  gt: sql`>`,
  gte: sql`>=`,
  lt: sql`<`,
  lte: sql`<=`,
};

const HOLDS: Record<SegmentCountOp, (count: number, value: number) => boolean> = {
  eq: (count, value) => count === value,
  neq: (count, value) => count !== value,
  gt: (count, value) => count > value,
  gte: (count, value) => count >= value,
  lt: (count, value) => count < value,
  lte: (count, value) => count <= value,
};

/**
 * Whether a count means "at least one event" or "no event" (whatever it is written as:
 * `gte 1`, `gt 0`, `neq 0`; `eq 0`, `lt 1`, `lte 0`), which need no counting, or a real count.
 */
function countShape(count: EventCount): 'some' | 'none' | 'counted' {
  const holds = (n: number) => HOLDS[count.op](n, count.value);
  if (!holds(0) && holds(1) && holds(Number.MAX_SAFE_INTEGER)) return 'some';
  if (holds(0) && !holds(1) && !holds(Number.MAX_SAFE_INTEGER)) return 'none';
  return 'counted';
}

/** The filters on `cdp_events e` of a condition, but the profile. */
function eventFilters(condition: EventCondition, ctx: CompileContext): RawBuilder<unknown>[] {
  const filters: RawBuilder<unknown>[] = [
    sql`e.tenant_id = ${ctx.tenantId}`,
    sql`e.name = ${condition.event}`,
  ];
  // A bound on occurred_at itself, so only the partitions of the window are read.
  if (condition.within_days !== undefined) {
    filters.push(sql`e.occurred_at >= ${daysBefore(ctx.now, condition.within_days)}`);
  }
  for (const filter of condition.where ?? []) {
    const { property, ...comparison } = filter;
    const value = jsonAtPath(sql.ref('e.properties'), segmentPathSegments(property));
    filters.push(compileJsonComparison(value, comparison));
  }
  return filters;
}

/** One profile at a time: its events (and those merged into it) through the timeline index. */
function perProfile(condition: EventCondition, count: EventCount, ctx: CompileContext) {
  const filters = [
    ...eventFilters(condition, ctx),
    sql`e.profile_id = any(${survivorAndMergedIds(ctx)})`,
  ];
  const events = sql`select 1 from cdp_events e where ${sql.join(filters, sql` and `)}`;
  // "At least one" and "none" need one row at most: EXISTS stops at the first.
  const shape = countShape(count);
  if (shape === 'some') return sql<boolean>`exists (${events})`;
  if (shape === 'none') return sql<boolean>`not exists (${events})`;
  // Counting past value + 1 changes no comparison with value, so the scan stops there.
  const cap = count.value + 1;
  return sql<boolean>`(select count(*) from (${events} limit ${cap}) capped) ${COMPARE[count.op]} ${count.value}`;
}

/**
 * Every profile at once: the matching events are read once, each for its surviving profile
 * (an event of a merged-away profile counts for the one it was merged into). "At least one"
 * and "none" only ask whether a profile is among those events' profiles; other counts are
 * counted per profile. A count that zero satisfies ("fewer than 3", "none") is written as
 * "not among those that fail it", so that profiles without any event are members.
 */
function wholeTenant(condition: EventCondition, count: EventCount, ctx: CompileContext) {
  const { join, survivorId } = survivorOfRows('e');
  const events = sql`select ${survivorId} from cdp_events e ${join}
    where ${sql.join(eventFilters(condition, ctx), sql` and `)}`;
  const shape = countShape(count);
  if (shape === 'some') return sql<boolean>`${PROFILE.id} in (${events})`;
  if (shape === 'none') return sql<boolean>`${PROFILE.id} not in (${events})`;
  const zeroMatches = HOLDS[count.op](0, count.value);
  const having = sql`count(*) ${COMPARE[count.op]} ${count.value}`;
  const survivors = sql`${events} group by 1 having ${zeroMatches ? sql`not (${having})` : having}`;
  return zeroMatches
    ? sql<boolean>`${PROFILE.id} not in (${survivors})`
    : sql<boolean>`${PROFILE.id} in (${survivors})`;
}

/**
 * An event condition: how many of the profile's events (its own and those of the profiles
 * merged into it) have the name, fall in the window and pass every property filter,
 * compared with `count` (default at least 1).
 */
export function compileEventCondition(
  condition: EventCondition,
  ctx: CompileContext,
): RawBuilder<boolean> {
  const count = condition.count ?? DEFAULT_COUNT;
  return ctx.scope === 'profiles'
    ? perProfile(condition, count, ctx)
    : wholeTenant(condition, count, ctx);
}
