import type { Pool } from 'pg';
import type { QueueDepth } from '../metrics/worker-metrics';

/** The schema the job queue installs and uses. */
const QUEUE_SCHEMA = 'graphile_worker';

/**
 * Counts the queue's jobs by state, in one scan of its jobs view. Failed jobs stay in the
 * queue (with their last error) until someone removes them, so they remain visible.
 */
export async function readQueueDepth(pool: Pool): Promise<QueueDepth> {
  const { rows } = await pool.query<Record<keyof QueueDepth, string>>(`
    SELECT count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now()) AS ready,
           count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now()) AS scheduled,
           count(*) FILTER (WHERE locked_at IS NOT NULL) AS running,
           count(*) FILTER (WHERE locked_at IS NULL AND attempts >= max_attempts) AS failed
    FROM ${QUEUE_SCHEMA}.jobs
  `);
  // An aggregate without GROUP BY always returns one row.
  const row = rows[0] as Record<keyof QueueDepth, string>;
  return {
    ready: Number(row.ready),
    scheduled: Number(row.scheduled),
    running: Number(row.running),
    failed: Number(row.failed),
  };
}
