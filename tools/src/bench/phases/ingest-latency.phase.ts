import type { IngestDriver } from '../load/ingest-driver';
import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import { runOpenLoop } from '../load/open-loop';
import type { Progress } from '../report/progress';

export interface OpenLoopLatency {
  ratePerSecond: number;
  seconds: number;
  requests: number;
  /** Measured from each request's scheduled time to its answer. */
  latency: LatencySummary;
  /** How late the generator sent, p99 (ms): large values mean the client, not the server, lagged. */
  sendLagP99: number;
  failedRequests: number;
}

/**
 * Ingest latency at a fixed arrival rate (open loop): batches of `batchSize`, or single
 * bare events when `batchSize` is 1.
 */
export async function runIngestLatency(
  driver: IngestDriver,
  options: { ratePerSecond: number; seconds: number; batchSize: number },
  progress: Progress,
): Promise<OpenLoopLatency> {
  const latency = new LatencyRecorder();
  const failedBefore = driver.tracker.failedRequests;
  const started = performance.now();
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    progress.status(
      `${elapsed.toFixed(0)}/${options.seconds} s at ${options.ratePerSecond} requests/s, ` +
        `${latency.count.toLocaleString('en-US')} answered`,
    );
  }, 1000);
  let run;
  try {
    run = await runOpenLoop({
      ratePerSecond: options.ratePerSecond,
      durationMs: options.seconds * 1000,
      send: (scheduledAt) =>
        driver
          .send(options.batchSize, latency, { single: options.batchSize === 1, since: scheduledAt })
          .then(() => undefined),
    });
  } finally {
    clearInterval(ticker);
  }
  const summary = latency.summary();
  progress.done(`p95 ${summary.p95.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms`);
  return {
    ratePerSecond: options.ratePerSecond,
    seconds: options.seconds,
    requests: run.scheduled,
    latency: summary,
    sendLagP99: run.sendLag.summary().p99,
    failedRequests: driver.tracker.failedRequests - failedBefore + run.thrown,
  };
}
