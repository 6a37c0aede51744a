import { segmentPathSegments } from '@stratum/schemas';
import type { EventCondition, EventCount, SegmentCountOp } from '@stratum/schemas';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { daysBefore, survivorAndMergedIds } from './compile-context';
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

function matchingEvents(condition: EventCondition, ctx: CompileContext): RawBuilder<unknown> {
  const filters: RawBuilder<unknown>[] = [
    sql`e.tenant_id = ${ctx.tenantId}`,
    sql`e.profile_id = any(${survivorAndMergedIds(ctx)})`,
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
  return sql`select 1 from cdp_events e where ${sql.join(filters, sql` and `)}`;
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
  const events = matchingEvents(condition, ctx);
  // "At least one" and "none" need one row at most: EXISTS stops at the first.
  if ((count.op === 'gte' && count.value === 1) || (count.op === 'gt' && count.value === 0)) {
    return sql<boolean>`exists (${events})`;
  }
  if (
    count.value === 0
      ? count.op === 'eq' || count.op === 'lte'
      : count.op === 'lt' && count.value === 1
  ) {
    return sql<boolean>`not exists (${events})`;
  }
  // Counting past value + 1 changes no comparison with value, so the scan stops there.
  const cap = count.value + 1;
  return sql<boolean>`(select count(*) from (${events} limit ${cap}) capped) ${COMPARE[count.op]} ${count.value}`;
}
