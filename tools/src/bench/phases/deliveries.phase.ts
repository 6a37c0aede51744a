import type { Db } from '@stratum/db';
import { createDestination, deleteDestination } from '@stratum/destinations';
import type { IngestDriver } from '../load/ingest-driver';
import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';
import { runOpenLoop } from '../load/open-loop';
import { readFeedLagSeconds } from '../monitor/app-metrics';
import { startCpuWindow } from '../monitor/cpu-split';
import type { CpuSplit, WatchedProcesses } from '../monitor/cpu-split';
import type { Progress } from '../report/progress';
import { summarizeDeliveries } from './delivery-summary';
import type { DeliverySummary } from './delivery-summary';
import { WebhookReceiver } from './webhook-receiver';

export interface DeliveriesOptions {
  seconds: number;
  /** Events a second sent to the ingest API (open loop). */
  ratePerSecond: number;
  /** Events per request. */
  batchSize: number;
  /** After the load, how long the last deliveries may still take to arrive. */
  drainSeconds: number;
  /** The destination's name (unique to the run). */
  name: string;
  /** Before the load, how long the worker may take to catch up with the earlier phases. */
  settleSeconds: number;
}

export interface DeliveriesResult extends DeliverySummary {
  /** How long the worker took to catch up with the earlier phases' changes first. */
  settledSeconds: number;
  seconds: number;
  ratePerSecond: number;
  batchSize: number;
  /** Latency of the ingest requests under this load. */
  batchLatency: LatencySummary;
  /** From the end of the load to the last arrival (the drain is bounded by the option). */
  drainSeconds: number;
  /** From the first event sent to the last expected arrival (or the end of the drain). */
  cpu: CpuSplit;
}

const DRAIN_POLL_MS = 100;
const SETTLE_POLL_MS = 500;

/**
 * Waits until the worker's segment membership has applied every change of the feed (a
 * backlog the earlier phases left would take the worker from the deliveries), at most
 * `limitMs`; returns the seconds waited.
 */
async function settleWorker(workerMetricsUrl: string, limitMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const lag = await readFeedLagSeconds(workerMetricsUrl).catch(() => undefined);
    if (lag === 0) break;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  return (performance.now() - started) / 1000;
}

/**
 * Webhook deliveries: a receiver in this process, a destination of the benchmark's tenant
 * that takes events of every type pointing at it, then events sent to the ingest API at a fixed rate
 * (open loop). Each accepted event should arrive once, signed; the phase waits for the last
 * one (bounded), then measures the deliveries a second and, per event, the time from the
 * ingest answer to the arrival. The destination is deleted afterwards.
 */
export async function runDeliveries(
  deps: { db: Db; tenantId: string; driver: IngestDriver; workerMetricsUrl: string },
  options: DeliveriesOptions,
  watched: WatchedProcesses,
  progress: Progress,
): Promise<DeliveriesResult> {
  const { db, tenantId, driver } = deps;
  progress.status('waiting for the worker to catch up with the feed');
  const settledSeconds = await settleWorker(deps.workerMetricsUrl, options.settleSeconds * 1000);
  const receiver = await WebhookReceiver.start();
  let destinationId: string | undefined;
  try {
    // Only events recorded after the destination exists are sent to it, and the benchmark's
    // tenant receives no others meanwhile: everything it takes is this phase's.
    const created = await createDestination(db, tenantId, {
      name: options.name,
      url: receiver.url,
      events: {},
    });
    if (!created.ok) throw new Error(`destination: ${created.error}`);
    destinationId = created.value.destination.destinationId;
    receiver.secret = created.value.secret;
    const result = await measure(driver, receiver, options, watched, progress);
    return { settledSeconds, ...result };
  } finally {
    if (destinationId !== undefined) await deleteDestination(db, tenantId, destinationId);
    await receiver.close();
  }
}

async function measure(
  driver: IngestDriver,
  receiver: WebhookReceiver,
  options: DeliveriesOptions,
  watched: WatchedProcesses,
  progress: Progress,
): Promise<Omit<DeliveriesResult, 'settledSeconds'>> {
  const answeredAt = new Map<string, number>();
  const arrived = new Set<string>();
  let waiting = 0;
  driver.tracker.onAccepted = (event) => {
    answeredAt.set(event.event_id, performance.now());
    if (!arrived.has(event.event_id)) waiting += 1;
  };
  receiver.onArrival = ({ valid, eventId }) => {
    if (!valid || eventId === undefined || arrived.has(eventId)) return;
    arrived.add(eventId);
    // A delivery may come before its answer is read; then it was never waited for.
    if (answeredAt.has(eventId)) waiting -= 1;
  };
  const started = performance.now();
  const ticker = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    progress.status(
      `${elapsed.toFixed(0)} s  ${answeredAt.size.toLocaleString('en-US')} events accepted, ` +
        `${arrived.size.toLocaleString('en-US')} delivered, ${waiting.toLocaleString('en-US')} waiting`,
    );
  }, 1000);
  const batchLatency = new LatencyRecorder();
  const endCpu = startCpuWindow(watched);
  let loadEnded: number;
  let cpu: CpuSplit;
  try {
    await runOpenLoop({
      ratePerSecond: options.ratePerSecond / options.batchSize,
      durationMs: options.seconds * 1000,
      send: async (scheduledAt) =>
        void (await driver.send(options.batchSize, batchLatency, { since: scheduledAt })),
    });
    loadEnded = performance.now();
    driver.tracker.onAccepted = undefined;
    const deadline = loadEnded + options.drainSeconds * 1000;
    while (waiting > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    cpu = endCpu();
  } finally {
    clearInterval(ticker);
    driver.tracker.onAccepted = undefined;
    receiver.onArrival = undefined;
  }

  const summary = summarizeDeliveries(answeredAt, receiver.arrivals);
  const lastArrival = receiver.arrivals.reduce((last, a) => Math.max(last, a.at), loadEnded);
  const result: Omit<DeliveriesResult, 'settledSeconds'> = {
    seconds: options.seconds,
    ratePerSecond: options.ratePerSecond,
    batchSize: options.batchSize,
    batchLatency: batchLatency.summary(),
    ...summary,
    drainSeconds: (lastArrival - loadEnded) / 1000,
    cpu,
  };
  progress.done(
    `${Math.round(result.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s, ` +
      `ingest answer → arrival p50 ${(result.latency.p50 / 1000).toFixed(2)} s, ` +
      `p99 ${(result.latency.p99 / 1000).toFixed(2)} s; ${result.undelivered} undelivered, ` +
      `${result.duplicates} duplicates, ${result.signatureFailures} bad signatures`,
  );
  return result;
}
