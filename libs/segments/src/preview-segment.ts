import type { Db } from '@stratum/db';
import type { SegmentNode } from '@stratum/schemas';
import { sql } from 'kysely';
import { selectMemberIds } from './select-member-ids';

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
 * members and a sample, from one evaluation of the definition in a read-only transaction.
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
      // Event and consent conditions look profiles up in sets of survivors; PostgreSQL hashes
      // such a set only when it fits in work_mem, and a million ids do not fit in the default
      // (SET LOCAL: for this transaction only).
      await sql`set local work_mem = '128MB'`.execute(trx);
      const members = selectMemberIds(trx, tenantId, definition, { now }).as('m');
      if (sampleSize === 0) {
        const counted = await trx
          .selectFrom(members)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow();
        return { count: Number(counted.count), sample: [] };
      }
      // One evaluation for both: the window counts every member before the limit applies.
      const rows = await trx
        .selectFrom(members)
        .select((eb) => ['m.profile_id', eb.fn.countAll<number>().over().as('count')])
        .orderBy('m.profile_id')
        .limit(sampleSize)
        .execute();
      return { count: Number(rows[0]?.count ?? 0), sample: rows.map((row) => row.profile_id) };
    });
}
