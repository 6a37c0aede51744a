import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { runClosedLoop } from '../load/closed-loop';
import type { IngestDriver } from '../load/ingest-driver';
import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import { startCpuWindow } from '../monitor/cpu-split';
import type { CpuSplit, WatchedProcesses } from '../monitor/cpu-split';
import { lagQuantile, readInboxLagBuckets } from '../monitor/inbox-lag';
import type { Progress } from '../report/progress';

export interface AsyncIngestResult {
  seconds: number;
  concurrency: number;
  batchSize: number;
  requests: number;
  /** Fresh events answered `queued` (202) during the window. */
  queued: number;
  acceptedPerSecond: number;
  /** Events resolved during the window: queued, less what the inbox grew by, per second. */
  resolvedPerSecond: number;
  /** Events waiting in the inbox, sampled each second of the window. */
  depth: { start: number; end: number; max: number; perSecond: number[] };
  /** Time from the window's end until the inbox was empty. */
  drainSeconds: number;
  /** Queued events ÷ (window + drain): accepted, resolved and stored. */
  endToEndPerSecond: number;
  /** From receipt to the commit of its resolution (the worker's histogram, seconds). */
  lag: { p50: number | null; p99: number | null };
  /** Latency of the 202 answers under this closed-loop load. */
  latency: LatencySummary;
  cpu: CpuSplit;
  failedRequests: number;
}

export interface AsyncIngestOptions {
  seconds: number;
  concurrency: number;
  batchSize: number;
  /** Longest wait for the inbox to empty after the window. */
  drainSeconds: number;
}

async function inboxDepth(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM cdp_inbox`.execute(db);
  return Number(rows[0]!.n);
}

/**
 * Sustained ingest answered 202 (`Prefer: respond-async`): `concurrency` clients sending
 * batches back to back while the worker's resolvers drain the inbox. The inbox depth is
 * sampled each second (it must not grow for the rate to be sustained), then the drain is
 * timed; the lag comes from the worker's histogram, between a scrape before and after.
 */
export async function runAsyncIngest(
  deps: { db: Db; driver: IngestDriver; workerMetricsUrl: string },
  options: AsyncIngestOptions,
  watched: WatchedProcesses,
  progress: Progress,
): Promise<AsyncIngestResult> {
  const { db, driver } = deps;
  const lagBefore = await readInboxLagBuckets(deps.workerMetricsUrl);
  const failedBefore = driver.tracker.failedRequests;
  const latency = new LatencyRecorder();
  const perSecond: number[] = [];
  let queued = 0;
  const start = await inboxDepth(db);
  const started = performance.now();
  const endCpu = startCpuWindow(watched);
  let sampling = Promise.resolve();
  const ticker = setInterval(() => {
    sampling = sampling.then(async () => {
      const depth = await inboxDepth(db);
      perSecond.push(depth);
      const elapsed = (performance.now() - started) / 1000;
      progress.status(
        `${elapsed.toFixed(0)}/${options.seconds} s  ${Math.round(queued / elapsed).toLocaleString('en-US')} events/s queued, ` +
          `inbox ${depth.toLocaleString('en-US')}`,
      );
    });
  }, 1000);
  try {
    await runClosedLoop({
      concurrency: options.concurrency,
      durationMs: options.seconds * 1000,
      task: async () => {
        const sent = await driver.send(options.batchSize, latency);
        queued += sent;
      },
    });
  } finally {
    clearInterval(ticker);
    await sampling;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = endCpu();
  const end = await inboxDepth(db);

  const drainSeconds = await waitForEmptyInbox(db, options.drainSeconds, progress);
  const lagAfter = await readInboxLagBuckets(deps.workerMetricsUrl);

  const result: AsyncIngestResult = {
    seconds,
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    requests: latency.count,
    queued,
    acceptedPerSecond: queued / seconds,
    resolvedPerSecond: (queued - (end - start)) / seconds,
    depth: { start, end, max: Math.max(start, end, ...perSecond), perSecond },
    drainSeconds,
    endToEndPerSecond: queued / (seconds + drainSeconds),
    lag: {
      p50: lagQuantile(lagBefore, lagAfter, 0.5),
      p99: lagQuantile(lagBefore, lagAfter, 0.99),
    },
    latency: latency.summary(),
    cpu,
    failedRequests: driver.tracker.failedRequests - failedBefore,
  };
  progress.done(
    `${Math.round(result.acceptedPerSecond).toLocaleString('en-US')} events/s queued, ` +
      `${Math.round(result.resolvedPerSecond).toLocaleString('en-US')} resolved; ` +
      `inbox ${start} → ${end} (max ${result.depth.max}), drained in ${drainSeconds.toFixed(1)} s`,
  );
  return result;
}

/**
 * Waits until the worker has resolved everything in the inbox; throws past `maxSeconds`.
 * @returns how long it took, in seconds
 */
export async function waitForEmptyInbox(
  db: Db,
  maxSeconds: number,
  progress: Progress,
): Promise<number> {
  const started = performance.now();
  for (let depth = await inboxDepth(db); depth > 0; depth = await inboxDepth(db)) {
    if ((performance.now() - started) / 1000 > maxSeconds) {
      throw new Error(`the inbox still holds ${depth} events after ${maxSeconds} s`);
    }
    progress.status(`draining the inbox: ${depth.toLocaleString('en-US')} events left`);
    // count(*) reads the whole inbox: once a second is enough.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return (performance.now() - started) / 1000;
}
