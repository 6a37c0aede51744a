import type { SeenWindow } from '@stratum/schemas';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { PROFILE, daysBefore } from './compile-context';
import type { CompileContext } from './compile-context';

/**
 * A first_seen or last_seen condition: the profile's column at or after now minus
 * `within_days` days, or before now minus `before_days` days.
 */
export function compileSeenCondition(
  column: 'first_seen' | 'last_seen',
  window: SeenWindow,
  ctx: CompileContext,
): RawBuilder<boolean> {
  const seenAt = column === 'first_seen' ? PROFILE.firstSeenAt : PROFILE.lastSeenAt;
  if (window.within_days !== undefined) {
    return sql<boolean>`${seenAt} >= ${daysBefore(ctx.now, window.within_days)}`;
  }
  // The schema makes exactly one of the two present.
  return sql<boolean>`${seenAt} < ${daysBefore(ctx.now, window.before_days ?? 0)}`;
}
