import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import {
  createRejectedEventsLog,
  createTenantSettingsReader,
  resolveInbox,
} from '@stratum/ingestion';
import type { InboxRun } from '@stratum/ingestion';
import type { Task } from 'graphile-worker';
import type { InboxMetrics } from './inbox-metrics';
import { withResolverLock } from './resolver-lock';

/** The queue's name of the task. */
export const INBOX_RESOLVE_TASK = 'inbox-resolve';

/** What {@link inboxResolveTask} needs. */
export interface InboxTaskDeps {
  db: Db;
  logger: Logger;
  metrics: InboxMetrics;
  /** Resolvers sharing the inbox's lanes; each has its own chain of jobs. */
  resolvers: number;
  /** Events one run reads at most: a run takes what waits, up to this. */
  batchSize: number;
  /** How long a run that found its lanes empty waits before the next one. */
  idleMs: number;
}

/** The payload of an `inbox-resolve` job: which resolver it is. */
interface InboxJobPayload {
  resolver: number;
}

/**
 * The job options of resolver `resolver`'s jobs: its own job key, so at most one of its jobs
 * waits; one chain per resolver is what keeps a lane to one writer (a cron job overlapping
 * the chain only finds fewer rows: a row is deleted by the transaction that stores it, and a
 * row stored twice is a duplicate the second time).
 */
export function inboxJobOptions(resolver: number) {
  return { jobKey: `${INBOX_RESOLVE_TASK}:${resolver}`, maxAttempts: 25 } as const;
}

/**
 * The queue task: one run of the job's resolver, then its next job under the same key, at
 * once while events wait, `idleMs` later when its lanes were empty. A failed run (the
 * database unreachable) is retried with the queue's back-off; the cron restarts a broken
 * chain every minute.
 */
export function inboxResolveTask(deps: InboxTaskDeps): Task {
  const resolverDeps = {
    db: deps.db,
    getTenantSettings: createTenantSettingsReader(deps.db),
    rejectedLog: createRejectedEventsLog(deps.db, deps.logger, deps.metrics),
  };
  return async (payload, helpers) => {
    const { resolver } = payload as InboxJobPayload;
    // A chain of a resolver that no longer exists (INBOX_RESOLVERS lowered) ends here.
    if (resolver >= deps.resolvers) return;
    const locked = await withResolverLock(deps.db, resolver, () =>
      resolveInbox(resolverDeps, { resolver, resolvers: deps.resolvers }, deps.batchSize),
    );
    // Another job of this resolver is under way: its chain goes on, this one ends.
    if (!locked.ran) return;
    const run = locked.result;
    observe(deps, run);
    await helpers.addJob(
      INBOX_RESOLVE_TASK,
      { resolver },
      {
        ...inboxJobOptions(resolver),
        runAt: new Date(Date.now() + (run.events > 0 ? 0 : deps.idleMs)),
      },
    );
  };
}

function observe(deps: InboxTaskDeps, run: InboxRun): void {
  if (run.events === 0) return;
  const { resolved, lag } = deps.metrics;
  resolved.inc({ status: 'stored' }, run.stored);
  resolved.inc({ status: 'duplicate' }, run.duplicates);
  resolved.inc({ status: 'suppressed' }, run.suppressed);
  resolved.inc({ status: 'rejected' }, run.rejected);
  const now = Date.now();
  for (const at of run.receivedAt) lag.observe((now - at.getTime()) / 1000);
  deps.logger.debug('inbox resolved', {
    task: INBOX_RESOLVE_TASK,
    events: run.events,
    stored: run.stored,
    duplicates: run.duplicates,
  });
}
