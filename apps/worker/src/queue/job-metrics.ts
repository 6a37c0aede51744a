import type { WorkerEvents } from 'graphile-worker';
import type { WorkerMetrics } from '../metrics/worker-metrics';

/** The `task` label of jobs whose task this worker does not know (bounded cardinality). */
const UNKNOWN_TASK = 'unknown';

/**
 * Counts every job attempt by task and outcome, times it, and counts the jobs that failed
 * their last attempt, from the queue's own events (so tasks need no instrumentation).
 */
export function observeJobs(
  events: WorkerEvents,
  metrics: WorkerMetrics,
  tasks: readonly string[],
): void {
  const known = new Set(tasks);
  const label = (task: string) => (known.has(task) ? task : UNKNOWN_TASK);
  const started = new Map<string, bigint>();
  events.on('job:start', ({ job }) => {
    started.set(job.id, process.hrtime.bigint());
  });
  events.on('job:complete', ({ job, error }) => {
    const task = label(job.task_identifier);
    const start = started.get(job.id);
    started.delete(job.id);
    metrics.jobsTotal.inc({
      task,
      outcome: error === null || error === undefined ? 'success' : 'error',
    });
    if (start !== undefined) {
      metrics.jobDuration.observe({ task }, Number(process.hrtime.bigint() - start) / 1e9);
    }
  });
  events.on('job:failed', ({ job }) => {
    metrics.jobsFailed.inc({ task: label(job.task_identifier) });
  });
}
