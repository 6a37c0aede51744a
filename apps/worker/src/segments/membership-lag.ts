import { readChangeFeedLag } from '@stratum/changes';
import type { Db } from '@stratum/db';
import { SEGMENT_MEMBERSHIP_TASK } from './membership.task';
import { MEMBERSHIP_CHANGE_KINDS } from './membership-kinds';

/**
 * The lag of the worker's change-feed consumers in seconds, by consumer, for
 * `cdp_change_feed_lag_seconds`: how long ago the oldest change that membership has not
 * applied yet was recorded, of the kinds it reads.
 */
export async function readWorkerFeedLag(db: Db): Promise<Record<string, number>> {
  return {
    [SEGMENT_MEMBERSHIP_TASK]: await readChangeFeedLag(
      db,
      SEGMENT_MEMBERSHIP_TASK,
      MEMBERSHIP_CHANGE_KINDS,
    ),
  };
}
