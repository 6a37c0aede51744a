import { maintainPartitions } from '@stratum/db';
import type { Db } from '@stratum/db';
import type { Logger } from '@stratum/http';
import type { Task } from 'graphile-worker';

/** The queue's name of the task that runs `cdp partitions maintain`. */
export const PARTITIONS_MAINTAIN_TASK = 'partitions-maintain';

/** What {@link partitionsMaintainTask} needs. */
export interface PartitionsTaskDeps {
  db: Db;
  logger: Logger;
  monthsAhead: number;
  monthsBehind: number;
}

/** What one run did. */
export interface PartitionsRun {
  created: string[];
}

/**
 * Creates the monthly event partitions around `now` that are missing, as
 * `cdp partitions maintain` does, and logs what it created.
 */
export async function maintainEventPartitions(
  deps: PartitionsTaskDeps,
  now: Date = new Date(),
): Promise<PartitionsRun> {
  const created = await maintainPartitions(deps.db, {
    now,
    monthsAhead: deps.monthsAhead,
    monthsBehind: deps.monthsBehind,
  });
  deps.logger.info('partitions maintained', {
    task: PARTITIONS_MAINTAIN_TASK,
    partitions_created: created.length,
    created,
    months_ahead: deps.monthsAhead,
    months_behind: deps.monthsBehind,
  });
  return { created };
}

/** The queue task; its payload (the cron's timestamp, or none) changes nothing. */
export function partitionsMaintainTask(deps: PartitionsTaskDeps): Task {
  return async () => {
    await maintainEventPartitions(deps);
  };
}
