import { runClosedLoop } from '../load/closed-loop';
import { customerIdentifiers } from '../load/customers';
import type { HttpClient } from '../load/http-client';
import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import { runOpenLoop } from '../load/open-loop';
import { Random } from '../load/random';
import type { Progress } from '../report/progress';

export interface LookupResult {
  profiles: number;
  /** At a fixed rate (open loop), measured from the scheduled time. */
  openLoop: { ratePerSecond: number; seconds: number; latency: LatencySummary; sendLagP99: number };
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
 * default half that maximum) for latencies that queueing does not dominate.
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
  },
  progress: Progress,
): Promise<LookupResult> {
  const random = new Random(options.seed);
  const failures: string[] = [];
  let failed = 0;
  const lookup = async (latency: LatencyRecorder, since = performance.now()) => {
    const email = customerIdentifiers.email(random.int(0, options.profiles - 1));
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

  const open = new LatencyRecorder();
  progress.status(`open loop at ${ratePerSecond} requests/s for ${options.seconds} s`);
  const run = await runOpenLoop({
    ratePerSecond,
    durationMs: options.seconds * 1000,
    send: (scheduledAt) => lookup(open, scheduledAt),
  });
  const result: LookupResult = {
    profiles: options.profiles,
    openLoop: {
      ratePerSecond,
      seconds: options.seconds,
      latency: open.summary(),
      sendLagP99: run.sendLag.summary().p99,
    },
    closedLoop: {
      concurrency: options.concurrency,
      seconds,
      requestsPerSecond: closed.count / seconds,
      latency: closed.summary(),
    },
    failedRequests: failed + run.thrown,
    failures,
  };
  progress.done(
    `p95 ${result.openLoop.latency.p95.toFixed(1)} ms at ${ratePerSecond}/s; ` +
      `${Math.round(result.closedLoop.requestsPerSecond).toLocaleString('en-US')} requests/s closed loop`,
  );
  return result;
}
