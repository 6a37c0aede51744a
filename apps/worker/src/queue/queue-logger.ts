import type { Logger } from '@stratum/http';
import { Logger as QueueLogger } from 'graphile-worker';
import type { LogLevel as QueueLogLevel } from 'graphile-worker';

const LEVELS: Record<QueueLogLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
};

/**
 * The job queue's log lines written through our winston logger, as JSON with the rest. Only
 * the scope's ids are kept: job payloads never reach the log.
 */
export function createQueueLogger(logger: Logger): QueueLogger {
  return new QueueLogger((scope) => (level, message) => {
    // Unset ids are left out of the JSON line.
    logger.log(LEVELS[level], message, {
      component: 'queue',
      worker_id: scope.workerId,
      task: scope.taskIdentifier,
      job_id: scope.jobId,
    });
  });
}
