import type { Database } from '@stratum/db';
import type { SegmentNode } from '@stratum/schemas';
import type { QueryCreator } from 'kysely';
import { compileSegment } from './compile-segment';

/** Any handle that can select: the pool, a transaction, a read-only view. */
export type SegmentReader = Pick<QueryCreator<Database>, 'selectFrom'>;

/** Options of {@link selectMemberIds}. */
export interface SelectMemberIdsOptions {
  /** The instant time-relative conditions are measured from. */
  now: Date;
  /** Only these profiles (those a change touched), when given. */
  profileIds?: readonly string[];
}

/**
 * The ids of the tenant's surviving profiles that match a parsed definition, as a query to
 * run, page or embed (`insert into … select`). With `profileIds`, only those are evaluated:
 * what re-evaluating the profiles touched by a change needs.
 */
export function selectMemberIds(
  db: SegmentReader,
  tenantId: string,
  definition: SegmentNode,
  options: SelectMemberIdsOptions,
) {
  let query = db
    .selectFrom('cdp_profiles as p')
    .select('p.profile_id')
    .where(
      compileSegment(definition, {
        tenantId,
        now: options.now,
        // A few touched profiles are cheaper one at a time than a pass over all events.
        scope: options.profileIds === undefined ? 'tenant' : 'profiles',
      }),
    );
  if (options.profileIds !== undefined) {
    query = query.where('p.profile_id', '=', (eb) => eb.fn.any(eb.val([...options.profileIds!])));
  }
  return query;
}
