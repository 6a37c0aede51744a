import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

/**
 * How event conditions are read. `tenant` (the default), for evaluating every profile: each
 * condition reads the matching events once, grouped by surviving profile, and profiles are
 * looked up in that set. `profiles`, for evaluating a few profiles: each profile's events
 * are read through the timeline index, one profile at a time.
 */
type EvaluationScope = 'tenant' | 'profiles';

/** What a compiled definition is evaluated against. */
export interface CompileContext {
  tenantId: string;
  /** The instant every time-relative condition is measured from, fixed per evaluation. */
  now: Date;
  /** Default `tenant`. */
  scope?: EvaluationScope;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `now` minus `days` whole days, as ISO text: a timestamptz parameter exact to the
 * millisecond, compared with the column itself so that event partitions are pruned.
 */
export function daysBefore(now: Date, days: number): RawBuilder<Date> {
  return sql<Date>`${new Date(now.getTime() - days * DAY_MS).toISOString()}::timestamptz`;
}

/** The profile being evaluated: the outer query's `cdp_profiles as p`. */
export const PROFILE = {
  id: sql.ref<string>('p.profile_id'),
  traits: sql.ref<unknown>('p.traits'),
  firstSeenAt: sql.ref<Date>('p.first_seen_at'),
  lastSeenAt: sql.ref<Date>('p.last_seen_at'),
} as const;

/**
 * The profile's own id and the ids of the profiles merged into it: events and consents keep
 * the id they were recorded with, and `merged_into` always names the final survivor, so one
 * look-up through `cdp_profiles_merged_into_idx` finds them all.
 */
export function survivorAndMergedIds(ctx: CompileContext): RawBuilder<string[]> {
  return sql<string[]>`array_prepend(${PROFILE.id}, array(
    select m.profile_id from cdp_profiles m
    where m.tenant_id = ${ctx.tenantId} and m.merged_into = ${PROFILE.id}))`;
}

/**
 * For set-wise reads of a table of rows keyed by profile (`alias.profile_id`): the join that
 * finds the survivor of a merged-away profile, and the survivor's id of each row.
 */
export function survivorOfRows(alias: 'e' | 'c'): {
  join: RawBuilder<unknown>;
  survivorId: RawBuilder<string>;
} {
  const profileId = sql.ref(`${alias}.profile_id`);
  return {
    join: sql`left join cdp_profiles merged on merged.tenant_id = ${sql.ref(`${alias}.tenant_id`)}
      and merged.profile_id = ${profileId} and merged.merged_into is not null`,
    survivorId: sql<string>`coalesce(merged.merged_into, ${profileId})`,
  };
}
