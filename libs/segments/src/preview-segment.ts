import type { Db } from '@stratum/db';
import type { SegmentNode } from '@stratum/schemas';
import { sql } from 'kysely';
import { selectMemberIds } from './select-member-ids';
import { applyWholeTenantSettings } from './whole-tenant-settings';

/** Options of {@link previewSegment}. */
export interface PreviewOptions {
  /** The instant time-relative conditions are measured from; default: the current time. */
  now?: Date;
  /** How many member ids to return; default 20. */
  sampleSize?: number;
}

/** How many profiles a definition matches now, and some of them. */
export interface SegmentPreview {
  count: number;
  /** Up to `sampleSize` member ids, in profile id order. */
  sample: string[];
}

/**
 * Evaluates an unsaved, parsed definition over the tenant's profiles: the number of
 * members and a sample, from one evaluation (so the sample is always among those counted).
 */
export async function previewSegment(
  db: Db,
  tenantId: string,
  definition: SegmentNode,
  options: PreviewOptions = {},
): Promise<SegmentPreview> {
  const now = options.now ?? new Date();
  const sampleSize = options.sampleSize ?? 20;
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      await applyWholeTenantSettings(trx);
      // One statement: the members are found once, kept (a materialized CTE of ids), counted,
      // and their first ids picked by a bounded sort. Counting and sampling in two statements
      // evaluated every set-wise condition twice (a consent's current decisions, an event
      // set): over 1 M profiles, a consent condition took 1.87 s of PostgreSQL CPU that way,
      // 1.36 s this way; a count window over the sample query sorted every member instead.
      const row = await trx
        .with(
          (cte) => cte('members').materialized(),
          () => selectMemberIds(trx, tenantId, definition, { now }),
        )
        .selectFrom('members')
        .select((eb) => [
          eb.fn.countAll<string>().as('count'),
          sql<string[] | null>`(select array_agg(first.profile_id order by first.profile_id)
            from (select profile_id from members order by profile_id limit ${sampleSize}) first)`.as(
            'sample',
          ),
        ])
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), sample: row.sample ?? [] };
    });
}
