import type { CronItem, Runner } from 'graphile-worker';
import { INBOX_RESOLVE_TASK, inboxJobOptions } from './inbox-resolve.task';

/** The resolvers' numbers, 0 to `resolvers` − 1. */
function resolverNumbers(resolvers: number): number[] {
  return Array.from({ length: resolvers }, (_, resolver) => resolver);
}

/**
 * One cron item per resolver, every minute, under the job key its chain queues itself with,
 * keeping the run time of a job already waiting: it only restarts a chain that broke.
 */
export function inboxCronItems(schedule: { INBOX_RESOLVERS: number }): CronItem[] {
  return resolverNumbers(schedule.INBOX_RESOLVERS).map((resolver) => ({
    task: INBOX_RESOLVE_TASK,
    identifier: `${INBOX_RESOLVE_TASK}:${resolver}`,
    match: '* * * * *',
    payload: { resolver },
    options: { ...inboxJobOptions(resolver), jobKeyMode: 'preserve_run_at' },
  }));
}

/** Starts every resolver's chain now (a chain already waiting keeps its run time). */
export async function startInboxChains(
  runner: Pick<Runner, 'addJob'>,
  resolvers: number,
): Promise<void> {
  for (const resolver of resolverNumbers(resolvers)) {
    await runner.addJob(
      INBOX_RESOLVE_TASK,
      { resolver },
      { ...inboxJobOptions(resolver), jobKeyMode: 'preserve_run_at' },
    );
  }
}
