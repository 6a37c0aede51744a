import type { SegmentMembershipChange } from '@stratum/db';
import { sql } from 'kysely';
import type { ReadonlyReader } from '../read-only/read-only-db';
import type { ChangesPageOptions } from './segment-page-query';

/** One entry of a segment's membership log. */
interface SegmentChangeRecord {
  logId: number;
  profileId: string;
  change: SegmentMembershipChange;
  at: Date;
  version: number;
}

/**
 * The statement behind {@link findSegmentChangesPage}: the live segment, left-joined to at
 * most `limit + 1` entries of its log after `afterLogId`. No row: no such live segment; one
 * row of nulls: no entries.
 *
 * Pages follow `log_id`, not `at`: a segment's log is written only under that segment's
 * advisory lock, held to commit (libs/segments, segment-locks.ts), so its entries commit in
 * `log_id` order and a reader resuming after an id never misses one committed later. `at`
 * is the evaluation instant a worker chose, which need not grow with `log_id`.
 */
function segmentChangesSelect(
  db: ReadonlyReader,
  query: ChangesPageOptions & { tenantId: string; segmentId: string },
) {
  const { tenantId, segmentId, limit, afterLogId, since } = query;
  return db
    .selectFrom('cdp_segments as s')
    .leftJoinLateral(
      (eb) => {
        let log = eb
          .selectFrom('cdp_segment_membership_log as l')
          .select(['l.log_id', 'l.profile_id', 'l.change', 'l.at', 'l.version'])
          .whereRef('l.tenant_id', '=', 's.tenant_id')
          .whereRef('l.segment_id', '=', 's.segment_id')
          .where('l.log_id', '>', afterLogId);
        // ISO text sent as a timestamptz: exact to the microsecond, unlike a JS Date.
        if (since !== undefined) log = log.where('l.at', '>=', sql<Date>`${since}::timestamptz`);
        return log
          .orderBy('l.log_id')
          .limit(limit + 1)
          .as('l');
      },
      (join) => join.onTrue(),
    )
    .select(['l.log_id', 'l.profile_id', 'l.change', 'l.at', 'l.version'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.segment_id', '=', segmentId)
    .where('s.deleted_at', 'is', null)
    .orderBy('l.log_id');
}

/** One page of a segment's log and whether more entries follow it now. */
export interface SegmentChangesPage {
  changes: SegmentChangeRecord[];
  hasMore: boolean;
}

/**
 * One page of a live segment's membership log, oldest entry first, in one statement.
 * `undefined` for an unknown, deleted or other tenant's segment.
 */
export async function findSegmentChangesPage(
  db: ReadonlyReader,
  query: ChangesPageOptions & { tenantId: string; segmentId: string },
): Promise<SegmentChangesPage | undefined> {
  const rows = await segmentChangesSelect(db, query).execute();
  if (rows.length === 0) return undefined;
  const changes = rows.flatMap((r) =>
    r.log_id === null ||
    r.profile_id === null ||
    r.change === null ||
    r.at === null ||
    r.version === null
      ? []
      : [
          {
            logId: r.log_id,
            profileId: r.profile_id,
            change: r.change,
            at: r.at,
            version: r.version,
          },
        ],
  );
  return { changes: changes.slice(0, query.limit), hasMore: changes.length > query.limit };
}
