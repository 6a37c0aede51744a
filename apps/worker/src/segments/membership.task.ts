import {
  advanceChangeCursor,
  currentFeedHead,
  findChangeCursor,
  formatChangeCursor,
  readChanges,
  touchedProfiles,
} from '@stratum/changes';
import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import { recomputeSegments, reevaluateProfiles } from '@stratum/segments';
import type { Task } from 'graphile-worker';
import { MEMBERSHIP_CHANGE_KINDS } from './membership-kinds';

/** The queue's name of the task, its job key and queue, and its change-feed consumer. */
export const SEGMENT_MEMBERSHIP_TASK = 'segment-membership';

/** What {@link segmentMembershipTask} needs. */
export interface MembershipTaskDeps {
  db: Db;
  logger: Logger;
  /** Changes read per run. */
  batchSize: number;
  /** How long a run that found the feed caught up waits before the next one. */
  idleMs: number;
}

/** What one run did. */
export interface MembershipRun {
  /** The consumer had no cursor: every segment was recomputed from scratch. */
  rebuilt: boolean;
  changes: number;
  profiles: number;
  entered: number;
  exited: number;
  /** More changes may be waiting: run again at once. */
  backlog: boolean;
}

/**
 * Reads the next changes of the feed after the `segment-membership` cursor, re-evaluates the
 * profiles they touched and moves the cursor, in one transaction: a run either applies its
 * changes and moves past them, or neither (then the next run re-evaluates them again, which
 * is harmless). Without a cursor (first run, or retention dropped it) it rebuilds every
 * segment and starts from the feed's head as it was before the rebuild.
 */
export async function runSegmentMembership(
  deps: Pick<MembershipTaskDeps, 'db' | 'logger' | 'batchSize'>,
  now: Date = new Date(),
): Promise<MembershipRun> {
  const { db, logger, batchSize } = deps;
  const cursor = await findChangeCursor(db, SEGMENT_MEMBERSHIP_TASK);
  if (cursor === undefined) {
    // The head first: whatever commits during the rebuild is read again afterwards.
    const head = await currentFeedHead(db);
    const rebuilt = await recomputeSegments(db, { now, only: 'all' });
    await advanceChangeCursor(db, SEGMENT_MEMBERSHIP_TASK, head);
    logger.info('segment membership rebuilt', { task: SEGMENT_MEMBERSHIP_TASK, ...rebuilt });
    return { rebuilt: true, changes: 0, profiles: 0, ...pick(rebuilt), backlog: true };
  }
  // Read before the transaction writes anything: its own xid would hold the horizon back.
  const page = await readChanges(db, {
    after: cursor,
    limit: batchSize,
    kinds: MEMBERSHIP_CHANGE_KINDS,
  });
  const touched = touchedProfiles(page.changes);
  const run: MembershipRun = {
    rebuilt: false,
    changes: page.changes.length,
    profiles: 0,
    entered: 0,
    exited: 0,
    backlog: page.changes.length === batchSize,
  };
  if (page.nextCursor === cursor) return run;
  const applied = await db.transaction().execute(async (trx) => {
    // Another instance's run (a cron job queued while this chain ran) may have applied
    // this page meanwhile: the cursor row's lock makes the second wait, then see it moved.
    const saved = await trx
      .selectFrom('cdp_change_cursors')
      .select(['last_xid', 'last_change_id'])
      .where('consumer', '=', SEGMENT_MEMBERSHIP_TASK)
      .forUpdate()
      .executeTakeFirst();
    if (
      saved === undefined ||
      formatChangeCursor(saved.last_xid, saved.last_change_id) !== cursor
    ) {
      return false;
    }
    for (const [tenantId, ids] of touched) {
      const result = await reevaluateProfiles(trx, tenantId, [...ids], { now });
      run.profiles += ids.size;
      run.entered += result.entered;
      run.exited += result.exited;
    }
    await advanceChangeCursor(trx, SEGMENT_MEMBERSHIP_TASK, page.nextCursor);
    return true;
  });
  if (!applied) return { ...run, changes: 0, backlog: true };
  if (run.changes > 0) {
    logger.debug('segment membership', { task: SEGMENT_MEMBERSHIP_TASK, ...run });
  }
  return run;
}

function pick(delta: { entered: number; exited: number }) {
  return { entered: delta.entered, exited: delta.exited };
}

/**
 * The queue task: one run, then the next one queued under the same job key — at once while
 * there is a backlog, `idleMs` later when the feed was caught up. The queue's scheduling is
 * the loop; the every-minute cron item restarts the chain if it ever breaks (a worker killed
 * between the run and the queueing, or a run that failed for good).
 */
export function segmentMembershipTask(deps: MembershipTaskDeps): Task {
  return async (_payload, helpers) => {
    const run = await runSegmentMembership(deps);
    await helpers.addJob(
      SEGMENT_MEMBERSHIP_TASK,
      {},
      {
        ...SEGMENT_MEMBERSHIP_JOB,
        runAt: new Date(Date.now() + (run.backlog ? 0 : deps.idleMs)),
      },
    );
  };
}

/**
 * The job options every `segment-membership` job is queued with: a job key, so at most one
 * waits. Not a named queue: a worker killed mid-run would hold such a queue until the
 * queue's lock timeout (4 hours), while a run that overlaps another is merely wasted work
 * (it waits on the cursor row, then finds its page applied).
 */
export const SEGMENT_MEMBERSHIP_JOB = {
  jobKey: SEGMENT_MEMBERSHIP_TASK,
  // A failing run is retried with the queue's back-off; the cron item queues a new one later.
  maxAttempts: 5,
} as const;
