import {
  advanceChangeCursor,
  currentFeedHead,
  findChangeCursor,
  formatChangeCursor,
  readChanges,
} from '@stratum/changes';
import { ITEM_CHANGE_KINDS } from '@stratum/changes';
import { fanOutChanges } from '@stratum/destinations';
import type { FanOutResult } from '@stratum/destinations';
import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import type { Task } from 'graphile-worker';
import type { DestinationMetrics } from './destination-metrics';

/** The queue's name of the task, its job key, and its change-feed consumer. */
export const DESTINATIONS_FANOUT_TASK = 'destinations-fanout';

/** What {@link destinationsFanoutTask} needs. */
export interface FanoutTaskDeps {
  db: Db;
  logger: Logger;
  metrics: DestinationMetrics;
  /** Changes read per run. */
  batchSize: number;
  /** How long a run that found the feed caught up waits before the next one. */
  idleMs: number;
}

/** What one run did. */
export interface FanoutRun extends FanOutResult {
  /** The consumer had no cursor: it starts at the feed's head (history is never sent). */
  started: boolean;
  changes: number;
  /** More changes may be waiting: run again at once. */
  backlog: boolean;
}

const NOTHING: FanOutResult = { queued: 0, byType: {}, skippedByConsent: 0 };

/**
 * Reads the next changes after the `destinations-fanout` cursor, queues the deliveries they
 * make and moves the cursor, in one transaction: a run queues its page and moves past it, or
 * neither (a page read twice queues nothing twice: deliveries are unique per change).
 */
export async function runDestinationsFanout(
  deps: Pick<FanoutTaskDeps, 'db' | 'logger' | 'batchSize' | 'metrics'>,
): Promise<FanoutRun> {
  const { db, batchSize, metrics } = deps;
  const cursor = await findChangeCursor(db, DESTINATIONS_FANOUT_TASK);
  if (cursor === undefined) {
    await advanceChangeCursor(db, DESTINATIONS_FANOUT_TASK, await currentFeedHead(db));
    return { started: true, changes: 0, backlog: true, ...NOTHING };
  }
  // Read before the transaction writes anything: its own xid would hold the horizon back.
  const page = await readChanges(db, {
    after: cursor,
    limit: batchSize,
    kinds: ITEM_CHANGE_KINDS,
  });
  const run: FanoutRun = {
    started: false,
    changes: page.changes.length,
    backlog: page.changes.length === batchSize,
    ...NOTHING,
  };
  if (page.nextCursor === cursor) return run;
  const result = await db.transaction().execute(async (trx) => {
    // Another run (the cron's, while this chain ran) may have queued this page meanwhile:
    // the cursor row's lock makes the second wait, then see it moved.
    const saved = await trx
      .selectFrom('cdp_change_cursors')
      .select(['last_xid', 'last_change_id'])
      .where('consumer', '=', DESTINATIONS_FANOUT_TASK)
      .forUpdate()
      .executeTakeFirst();
    if (
      saved === undefined ||
      formatChangeCursor(saved.last_xid, saved.last_change_id) !== cursor
    ) {
      return undefined;
    }
    const fanned = await fanOutChanges(trx, page.changes);
    await advanceChangeCursor(trx, DESTINATIONS_FANOUT_TASK, page.nextCursor);
    return fanned;
  });
  if (result === undefined) return { ...run, changes: 0, backlog: true };
  for (const [type, count] of Object.entries(result.byType)) metrics.fannedOut.inc({ type }, count);
  metrics.consentSkipped.inc(result.skippedByConsent);
  if (result.queued > 0 || result.skippedByConsent > 0) {
    deps.logger.debug('destinations fan-out', {
      task: DESTINATIONS_FANOUT_TASK,
      changes: run.changes,
      ...result,
    });
  }
  return { ...run, ...result };
}

/**
 * The job options of every `destinations-fanout` job: a job key, so at most one waits (a
 * run overlapping another is only wasted work: it waits on the cursor row).
 */
export const DESTINATIONS_FANOUT_JOB = {
  jobKey: DESTINATIONS_FANOUT_TASK,
  maxAttempts: 5,
} as const;

/**
 * The queue task: one run, then the next queued under the same job key, at once while there
 * is a backlog, `idleMs` later when caught up. The every-minute cron item restarts the chain
 * if it ever breaks.
 */
export function destinationsFanoutTask(deps: FanoutTaskDeps): Task {
  return async (_payload, helpers) => {
    const run = await runDestinationsFanout(deps);
    await helpers.addJob(
      DESTINATIONS_FANOUT_TASK,
      {},
      { ...DESTINATIONS_FANOUT_JOB, runAt: new Date(Date.now() + (run.backlog ? 0 : deps.idleMs)) },
    );
  };
}
