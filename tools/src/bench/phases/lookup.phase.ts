import { runClosedLoop } from '../load/closed-loop';
import { customerIdentifiers } from '../load/customers';
import type { HttpClient } from '../load/http-client';
import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import { runOpenLoop } from '../load/open-loop';
import { Random } from '../load/random';
import { ZipfSampler } from '../load/zipf';
import { cacheCountsBetween, readCacheCounts } from '../monitor/profile-cache';
import type { CacheCounts } from '../monitor/profile-cache';
import type { Progress } from '../report/progress';

/** An open-loop run: its rate, latencies, and where the profile API found the answers. */
interface OpenLoopRun {
  ratePerSecond: number;
  seconds: number;
  latency: LatencySummary;
  sendLagP99: number;
  cache: CacheCounts;
}

export interface LookupResult {
  profiles: number;
  /** At a fixed rate (open loop), measured from the scheduled time; customers uniform. */
  openLoop: OpenLoopRun;
  /** The same rate, customers drawn with the activity's skew (as ingest draws them). */
  skewed: OpenLoopRun & { zipfExponent: number };
  /** As fast as `concurrency` clients can go. */
  closedLoop: {
    concurrency: number;
    seconds: number;
    requestsPerSecond: number;
    latency: LatencySummary;
  };
  /** Answers other than 200 (every looked-up customer exists, so any is a failure). */
  failedRequests: number;
  failures: string[];
}

/**
 * Profile look-ups by email value (normalized and hashed by the server), customers drawn
 * uniformly from the loaded ones, so the whole million is touched, not a hot few. First as
 * fast as `concurrency` clients can go (the maximum rate), then at a fixed rate (open loop,
 * default half that maximum) for latencies that queueing does not dominate; then at that
 * rate again with customers drawn as the ingest load draws them (Zipf), which is what the
 * profile cache meets in practice. Each open loop reports the cache's hits and misses.
 */
export async function runLookups(
  client: HttpClient,
  options: {
    profiles: number;
    /** Open-loop rate; default half the closed loop's rate. */
    ratePerSecond?: number;
    seconds: number;
    concurrency: number;
    seed: number;
    /** Skew of the second open loop's customers. */
    zipfExponent: number;
    /** The profile API's metrics listener (cache counters). */
    profileMetricsUrl: string;
  },
  progress: Progress,
): Promise<LookupResult> {
  const random = new Random(options.seed);
  const uniform = () => random.int(0, options.profiles - 1);
  const failures: string[] = [];
  let failed = 0;
  let thrown = 0;
  const lookup = async (
    latency: LatencyRecorder,
    since = performance.now(),
    customer: () => number = uniform,
  ) => {
    const email = customerIdentifiers.email(customer());
    const path = `/api/v1/cdp/profiles?identifier_type=email&identifier_value=${encodeURIComponent(email)}`;
    try {
      const answer = await client.get(path);
      latency.record(performance.now() - since);
      if (answer.status !== 200) {
        failed += 1;
        if (failures.length < 5) failures.push(`${answer.status} ${answer.body.slice(0, 200)}`);
      }
    } catch (error) {
      latency.record(performance.now() - since);
      failed += 1;
      if (failures.length < 5)
        failures.push(error instanceof Error ? error.message : String(error));
    }
  };

  const closed = new LatencyRecorder();
  progress.status(`closed loop, ${options.concurrency} clients for ${options.seconds} s`);
  const started = performance.now();
  await runClosedLoop({
    concurrency: options.concurrency,
    durationMs: options.seconds * 1000,
    task: () => lookup(closed),
  });
  const seconds = (performance.now() - started) / 1000;
  const ratePerSecond =
    options.ratePerSecond ?? Math.max(1, Math.round(closed.count / seconds / 2));

  const openLoop = async (customer: () => number): Promise<OpenLoopRun> => {
    const latency = new LatencyRecorder();
    const before = await readCacheCounts(options.profileMetricsUrl);
    const run = await runOpenLoop({
      ratePerSecond,
      durationMs: options.seconds * 1000,
      send: (scheduledAt) => lookup(latency, scheduledAt, customer),
    });
    thrown += run.thrown;
    return {
      ratePerSecond,
      seconds: options.seconds,
      latency: latency.summary(),
      sendLagP99: run.sendLag.summary().p99,
      cache: cacheCountsBetween(before, await readCacheCounts(options.profileMetricsUrl)),
    };
  };
  progress.status(`open loop at ${ratePerSecond} requests/s for ${options.seconds} s`);
  const openLoopRun = await openLoop(uniform);
  progress.status(
    `open loop at ${ratePerSecond} requests/s, Zipf ${options.zipfExponent}, for ${options.seconds} s`,
  );
  const zipf = new ZipfSampler(options.profiles, options.zipfExponent);
  const skewed = await openLoop(() => zipf.sample(random));

  const result: LookupResult = {
    profiles: options.profiles,
    openLoop: openLoopRun,
    skewed: { ...skewed, zipfExponent: options.zipfExponent },
    closedLoop: {
      concurrency: options.concurrency,
      seconds,
      requestsPerSecond: closed.count / seconds,
      latency: closed.summary(),
    },
    failedRequests: failed + thrown,
    failures,
  };
  progress.done(
    `p95 ${result.openLoop.latency.p95.toFixed(1)} ms at ${ratePerSecond}/s ` +
      `(skewed ${result.skewed.latency.p95.toFixed(1)} ms, ${hitShare(skewed.cache)} from the cache); ` +
      `${Math.round(result.closedLoop.requestsPerSecond).toLocaleString('en-US')} requests/s closed loop`,
  );
  return result;
}

/** The share of look-ups answered from the cache, as text. */
export function hitShare(counts: CacheCounts): string {
  const total = counts.hit + counts.miss + counts.bypass;
  return total === 0 ? 'none' : `${((100 * counts.hit) / total).toFixed(1)} %`;
}
