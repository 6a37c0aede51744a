import type { CronItem, Runner } from 'graphile-worker';
import { SEGMENT_MEMBERSHIP_JOB, SEGMENT_MEMBERSHIP_TASK } from './membership.task';
import { SEGMENTS_RECOMPUTE_TASK } from './segments-recompute.task';

/** The schedule settings of the segment tasks (from the worker's configuration). */
export interface SegmentsSchedule {
  SEGMENTS_RECOMPUTE_CRON: string;
}

/**
 * The segment tasks' cron items. Membership: every minute, under the job key its runs queue
 * themselves with, keeping the run time of a job already waiting (`preserve_run_at`), so the
 * cron only starts the chain when none is queued. Recompute: on its own schedule, one job
 * waiting at most; two running at once would only repeat work (each segment is locked).
 */
export function segmentsCronItems(schedule: SegmentsSchedule): CronItem[] {
  return [
    {
      task: SEGMENT_MEMBERSHIP_TASK,
      identifier: SEGMENT_MEMBERSHIP_TASK,
      match: '* * * * *',
      options: { ...SEGMENT_MEMBERSHIP_JOB, jobKeyMode: 'preserve_run_at' },
    },
    {
      task: SEGMENTS_RECOMPUTE_TASK,
      identifier: SEGMENTS_RECOMPUTE_TASK,
      match: schedule.SEGMENTS_RECOMPUTE_CRON.trim(),
      options: { jobKey: SEGMENTS_RECOMPUTE_TASK, maxAttempts: 3 },
    },
  ];
}

/**
 * Queues a `segment-membership` run now, unless one is already waiting under its job key
 * (then its run time is kept): on a fresh install, or after the chain broke, membership
 * would otherwise wait for the next minute's cron item.
 */
export async function startMembershipChain(runner: Pick<Runner, 'addJob'>): Promise<void> {
  await runner.addJob(
    SEGMENT_MEMBERSHIP_TASK,
    {},
    { ...SEGMENT_MEMBERSHIP_JOB, jobKeyMode: 'preserve_run_at' },
  );
}
