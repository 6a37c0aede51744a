import type { Logger } from '@stratum/http';
import { errorFields } from '@stratum/http';
import pg from 'pg';
import type { WorkerConfig } from '../config';

/**
 * The job queue's own pg pool: one connection for LISTEN, one per concurrent job, and one
 * for cron and housekeeping. Apart from the tasks' kysely pool, because that one reads
 * bigints as numbers (job ids must stay strings) and carries the tasks' statement timeout.
 */
export function createQueuePool(
  config: Pick<WorkerConfig, 'DATABASE_URL' | 'WORKER_CONCURRENCY' | 'DB_CONNECTION_TIMEOUT_MS'>,
  logger: Logger,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.DATABASE_URL,
    max: config.WORKER_CONCURRENCY + 2,
    application_name: 'stratum-worker-queue',
    connectionTimeoutMillis: config.DB_CONNECTION_TIMEOUT_MS,
  });
  // A client losing its connection emits 'error' (on the pool when idle, on the client when
  // checked out, e.g. the LISTEN one); unheard, that would end the process. The queue notices
  // on its next query and reconnects.
  const warn = (error: Error) => logger.warn('queue connection lost', errorFields(error));
  pool.on('error', warn);
  pool.on('connect', (client) => client.on('error', warn));
  return pool;
}
