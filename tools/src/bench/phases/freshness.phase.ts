import type { Db } from '@stratum/db';
import { createSegment } from '@stratum/segments';
import { runClosedLoop } from '../load/closed-loop';
import type { EventGenerator } from '../load/event-generator';
import type { IngestDriver } from '../load/ingest-driver';
import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import { startCpuWindow } from '../monitor/cpu-split';
import type { CpuSplit, WatchedProcesses } from '../monitor/cpu-split';
import { MembershipSampler } from '../monitor/membership-sampler';
import { readFeedLagSeconds } from '../monitor/app-metrics';
import type { Progress } from '../report/progress';
import { freshnessSegments } from './freshness-segments';

export interface FreshnessOptions {
  seconds: number;
  concurrency: number;
  batchSize: number;
  /** Pairs sampled per segment and second of load, at most. */
  samplesPerSecond: number;
  pollMs: number;
  /** After the load, how long pending samples may still take to appear. */
  drainSeconds: number;
  /** The campaign the phase's events name (unique to the run). */
  campaign: string;
}

interface FreshnessSegmentResult {
  name: string;
  definition: unknown;
  /** From the ingest answer to the membership row being visible (ms). */
  lag: LatencySummary;
}

export interface FreshnessResult {
  seconds: number;
  concurrency: number;
  batchSize: number;
  eventsPerSecond: number;
  /** Latency of the batches under this load. */
  batchLatency: LatencySummary;
  pollMs: number;
  segments: FreshnessSegmentResult[];
  /** Every sample of every segment. */
  lag: LatencySummary;
  /** Samples whose row had not appeared `drainSeconds` after the load ended. */
  unresolved: number;
  /** The worker's cdp_change_feed_lag_seconds for segment-membership, scraped each second. */
  feedLagMaxSeconds: number | null;
  cpu: CpuSplit;
}

/**
 * Membership freshness under sustained ingest: defines segments only this phase's events
 * satisfy, then sends batches back to back (as the sustained phase does) with the worker
 * following the change feed. For a sample of the profiles that the answers make members,
 * it measures the time from the answer to the membership row being visible.
 */
export async function runFreshness(
  deps: {
    db: Db;
    tenantId: string;
    driver: IngestDriver;
    generator: EventGenerator;
    workerMetricsUrl: string;
  },
  options: FreshnessOptions,
  watched: WatchedProcesses,
  progress: Progress,
): Promise<FreshnessResult> {
  const { db, tenantId, driver, generator } = deps;
  const segments = freshnessSegments(options.campaign);
  const ids: string[] = [];
  for (const segment of segments) {
    const created = await createSegment(db, tenantId, {
      name: `Freshness: ${segment.name}`,
      definition: segment.definition,
    });
    if (!created.ok) throw new Error(`segment ${segment.name}: ${created.error}`);
    ids.push(created.value.segmentId);
  }

  const sampler = new MembershipSampler(db, tenantId, options.pollMs);
  const counts = segments.map(() => new Map<string, number>());
  const taken = segments.map(() => 0);
  let accepted = 0;
  let feedLagMax: number | null = null;
  generator.campaign = options.campaign;
  const started = performance.now();
  driver.tracker.onAccepted = (event, profileId) => {
    const elapsed = (performance.now() - started) / 1000;
    segments.forEach((segment, index) => {
      if (!segment.qualifies(event)) return;
      const seen = (counts[index]!.get(profileId) ?? 0) + 1;
      counts[index]!.set(profileId, seen);
      // Only the answer that completes the condition dates the entry; later ones don't.
      if (seen !== segment.needed) return;
      if (taken[index]! >= Math.max(1, elapsed * options.samplesPerSecond)) return;
      taken[index]! += 1;
      sampler.add(ids[index]!, profileId);
    });
  };
  const ticker = setInterval(() => {
    void readFeedLagSeconds(deps.workerMetricsUrl).then(
      (lag) => {
        if (lag !== undefined) feedLagMax = Math.max(feedLagMax ?? 0, lag);
      },
      () => undefined,
    );
    const elapsed = (performance.now() - started) / 1000;
    progress.status(
      `${elapsed.toFixed(0)}/${options.seconds} s  ${Math.round(accepted / elapsed).toLocaleString('en-US')} events/s, ` +
        `${sampler.pendingCount} samples waiting, worker feed lag max ${feedLagMax ?? '?'} s`,
    );
  }, 1000);
  const batchLatency = new LatencyRecorder();
  const endCpu = startCpuWindow(watched);
  sampler.start();
  let seconds: number;
  let cpu: CpuSplit;
  try {
    await runClosedLoop({
      concurrency: options.concurrency,
      durationMs: options.seconds * 1000,
      task: async () => {
        const stored = await driver.send(options.batchSize, batchLatency);
        accepted += stored;
      },
    });
    seconds = (performance.now() - started) / 1000;
    cpu = endCpu();
    progress.status(`waiting for ${sampler.pendingCount} samples`);
    await sampler.drain(options.drainSeconds * 1000);
  } finally {
    clearInterval(ticker);
    driver.tracker.onAccepted = undefined;
    await sampler.stop().catch(() => undefined);
  }

  const all = new LatencyRecorder();
  const perSegment = segments.map((segment, index) => {
    const recorder = sampler.lagsOf(ids[index]!);
    for (const value of recorder.toArray()) all.record(value);
    return { name: segment.name, definition: segment.definition, lag: recorder.summary() };
  });
  const result: FreshnessResult = {
    seconds,
    concurrency: options.concurrency,
    batchSize: options.batchSize,
    eventsPerSecond: accepted / seconds,
    batchLatency: batchLatency.summary(),
    pollMs: options.pollMs,
    segments: perSegment,
    lag: all.summary(),
    unresolved: sampler.pendingCount,
    feedLagMaxSeconds: feedLagMax,
    cpu,
  };
  progress.done(
    `freshness p50 ${(result.lag.p50 / 1000).toFixed(2)} s, p99 ${(result.lag.p99 / 1000).toFixed(2)} s ` +
      `over ${result.lag.count} samples, ${result.unresolved} never seen`,
  );
  return result;
}
