import type { Db } from '@stratum/db';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import type { ReevaluationResult } from './reevaluate-profiles';
import { recomputeSegment } from './recompute-segment';
import { isTimeRelative } from './time-relative';

/** Options of {@link recomputeSegments}. */
export interface RecomputeSegmentsOptions {
  now: Date;
  /** `time-relative`: only segments whose result moves with time (the schedule). */
  only: 'all' | 'time-relative';
}

/**
 * Recomputes the live segments of every tenant, each in its own transaction (one segment's
 * locks are held only while it is written). `all` rebuilds membership from scratch, as a
 * change-feed consumer must after losing its cursor.
 */
export async function recomputeSegments(
  db: Db,
  options: RecomputeSegmentsOptions,
): Promise<ReevaluationResult> {
  const rows = await db
    .selectFrom('cdp_segments')
    .select(['tenant_id', 'segment_id', 'definition'])
    .where('deleted_at', 'is', null)
    .orderBy('tenant_id')
    .orderBy('segment_id')
    .execute();
  const result: ReevaluationResult = { segments: 0, entered: 0, exited: 0 };
  for (const row of rows) {
    if (options.only === 'time-relative') {
      if (!isTimeRelative(SegmentDefinitionSchema.parse(row.definition))) continue;
    }
    const delta = await recomputeSegment(db, row.tenant_id, row.segment_id, {
      now: options.now,
    });
    // Deleted in the meantime: nothing to count.
    if (delta === undefined) continue;
    result.segments += 1;
    result.entered += delta.entered;
    result.exited += delta.exited;
  }
  return result;
}
