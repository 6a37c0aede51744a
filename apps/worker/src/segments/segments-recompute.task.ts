import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import { recomputeSegments } from '@stratum/segments';
import type { ReevaluationResult } from '@stratum/segments';
import type { Task } from 'graphile-worker';

/** The queue's name of the task that recomputes time-relative segments. */
export const SEGMENTS_RECOMPUTE_TASK = 'segments-recompute';

/** What {@link segmentsRecomputeTask} needs. */
export interface SegmentsRecomputeDeps {
  db: Db;
  logger: Logger;
}

/**
 * Recomputes every live segment, of every tenant, whose result moves with time alone
 * (`within_days`, `before_days`, `first_seen`, `last_seen`): no change reaches the feed
 * when a profile simply stops being "seen in the last 7 days".
 */
export async function runSegmentsRecompute(
  deps: SegmentsRecomputeDeps,
  now: Date = new Date(),
): Promise<ReevaluationResult> {
  const result = await recomputeSegments(deps.db, { now, only: 'time-relative' });
  deps.logger.info('time-relative segments recomputed', {
    task: SEGMENTS_RECOMPUTE_TASK,
    ...result,
  });
  return result;
}

/** The queue task; its payload (the cron's timestamp, or none) changes nothing. */
export function segmentsRecomputeTask(deps: SegmentsRecomputeDeps): Task {
  return async () => {
    await runSegmentsRecompute(deps);
  };
}
