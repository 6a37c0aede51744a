import { runClosedLoop } from '../load/closed-loop';
import type { IngestDriver } from '../load/ingest-driver';
import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import { startCpuWindow } from '../monitor/cpu-split';
import type { CpuSplit, WatchedProcesses } from '../monitor/cpu-split';
import { processMemoryMb } from '../monitor/proc-stats';
import type { Progress } from '../report/progress';

export interface ThroughputResult {
  seconds: number;
  concurrency: number;
  batchSize: number;
  requests: number;
  eventsAccepted: number;
  eventsPerSecond: number;
  /** Latency of the batches under this closed-loop load (includes queueing at the server). */
  latency: LatencySummary;
  cpu: CpuSplit;
  ingestRssMaxMb: number;
}

export interface ThroughputOptions {
  warmupSeconds: number;
  seconds: number;
  concurrency: number;
  batchSize: number;
}

/**
 * Sustained ingest: `concurrency` clients each sending batches back to back. A warm-up
 * (JIT, pools, caches) runs first and is not counted. CPU and memory are watched during
 * the measured window only.
 */
export async function runThroughput(
  driver: IngestDriver,
  options: ThroughputOptions,
  watched: WatchedProcesses,
  progress: Progress,
): Promise<ThroughputResult> {
  const warmupLatency = new LatencyRecorder();
  if (options.warmupSeconds > 0) {
    progress.status(`warm-up, ${options.warmupSeconds} s`);
    await runClosedLoop({
      concurrency: options.concurrency,
      durationMs: options.warmupSeconds * 1000,
      task: async () => void (await driver.send(options.batchSize, warmupLatency)),
    });
  }

  const latency = new LatencyRecorder();
  let accepted = 0;
  let lastAccepted = 0;
  let rssMax = 0;
  const started = performance.now();
  const endCpu = startCpuWindow(watched);
  const ticker = setInterval(() => {
    rssMax = Math.max(rssMax, processMemoryMb(watched.ingestPid)?.rss ?? 0);
    const elapsed = (performance.now() - started) / 1000;
    progress.status(
      `${elapsed.toFixed(0)}/${options.seconds} s  ${(accepted - lastAccepted).toLocaleString('en-US')} events/s now, ` +
        `${Math.round(accepted / elapsed).toLocaleString('en-US')} average, ` +
        `${driver.tracker.failedRequests} failed requests`,
    );
    lastAccepted = accepted;
  }, 1000);
  try {
    await runClosedLoop({
      concurrency: options.concurrency,
      durationMs: options.seconds * 1000,
      task: async () => {
        // Not `accepted += await …`: that reads `accepted` before the await and loses the
        // other workers' additions.
        const stored = await driver.send(options.batchSize, latency);
        accepted += stored;
      },
    });
  } finally {
    clearInterval(ticker);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = endCpu();
  rssMax = Math.max(rssMax, processMemoryMb(watched.ingestPid)?.rss ?? 0);
  const result: ThroughputResult = {
    seconds,
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    requests: latency.count,
    eventsAccepted: accepted,
    eventsPerSecond: accepted / seconds,
    latency: latency.summary(),
    cpu,
    ingestRssMaxMb: rssMax,
  };
  progress.done(
    `${Math.round(result.eventsPerSecond).toLocaleString('en-US')} events/s over ${seconds.toFixed(1)} s`,
  );
  return result;
}
