import type { Logger } from '@stratum/http';
import { Logger as QueueLogger } from 'graphile-worker';
import type { LogLevel as QueueLogLevel } from 'graphile-worker';

const LEVELS: Record<QueueLogLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
};

// The queue says each job that succeeded at `info`: the feed-following chains run every few
// seconds, so these lines would bury everything else. cdp_worker_jobs_total counts them.
const ROUTINE = /^Completed task \d+ .* with success$/;

/**
 * The job queue's log lines written through our winston logger, as JSON with the rest. Only
 * the scope's ids are kept: job payloads never reach the log. A job's success is `debug`.
 */
export function createQueueLogger(logger: Logger): QueueLogger {
  return new QueueLogger((scope) => (level, message) => {
    const ours = LEVELS[level] === 'info' && ROUTINE.test(message) ? 'debug' : LEVELS[level];
    // Unset ids are left out of the JSON line.
    logger.log(ours, message, {
      component: 'queue',
      worker_id: scope.workerId,
      task: scope.taskIdentifier,
      job_id: scope.jobId,
    });
  });
}
