import type { CronItem, Runner } from 'graphile-worker';
import { DESTINATIONS_FANOUT_JOB, DESTINATIONS_FANOUT_TASK } from './fanout.task';
import { WEBHOOK_REQUEUE_TASK } from './webhook-requeue.task';

/**
 * The destinations' cron items, every minute. Fan-out: under the job key its runs queue
 * themselves with, keeping the run time of a job already waiting (`preserve_run_at`), so the
 * cron only starts the chain when none is queued. Requeue: deliveries whose job was lost
 * are queued again; one job waiting at most.
 */
export function destinationsCronItems(): CronItem[] {
  return [
    {
      task: DESTINATIONS_FANOUT_TASK,
      identifier: DESTINATIONS_FANOUT_TASK,
      match: '* * * * *',
      options: { ...DESTINATIONS_FANOUT_JOB, jobKeyMode: 'preserve_run_at' },
    },
    {
      task: WEBHOOK_REQUEUE_TASK,
      identifier: WEBHOOK_REQUEUE_TASK,
      match: '* * * * *',
      options: { jobKey: WEBHOOK_REQUEUE_TASK, maxAttempts: 3 },
    },
  ];
}

/**
 * Queues a fan-out run now unless one is already waiting (its run time is then kept): at
 * start, deliveries would otherwise wait for the next minute's cron item.
 */
export async function startFanoutChain(runner: Pick<Runner, 'addJob'>): Promise<void> {
  await runner.addJob(
    DESTINATIONS_FANOUT_TASK,
    {},
    { ...DESTINATIONS_FANOUT_JOB, jobKeyMode: 'preserve_run_at' },
  );
}
