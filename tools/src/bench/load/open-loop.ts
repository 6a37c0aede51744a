import { LatencyRecorder } from './latency';

/** How late the load generator itself was, to tell its lag from the server's. */
export interface OpenLoopResult {
  scheduled: number;
  /** Requests whose `send` threw (a bug in the caller, not a slow server). */
  thrown: number;
  /** Delay between a request's scheduled time and its actual send, in ms. */
  sendLag: LatencyRecorder;
}

/**
 * Sends `send(scheduledAt)` at a fixed rate for `durationMs`, whatever the answers do (open
 * loop): a slow answer does not delay the next request, so queueing shows in the latency
 * instead of being hidden by a waiting client. `send` measures from `scheduledAt`, not
 * from when it ran. Resolves when every request has answered.
 */
export async function runOpenLoop(options: {
  ratePerSecond: number;
  durationMs: number;
  send: (scheduledAt: number) => Promise<void>;
}): Promise<OpenLoopResult> {
  const interval = 1000 / options.ratePerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const start = performance.now();
  const sendLag = new LatencyRecorder();
  const pending = new Set<Promise<void>>();
  let next = 0;
  let thrown = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && start + next * interval <= now) {
      const scheduledAt = start + next * interval;
      sendLag.record(now - scheduledAt);
      const request = options
        .send(scheduledAt)
        .catch(() => void (thrown += 1))
        .finally(() => pending.delete(request));
      pending.add(request);
      next += 1;
    }
    const wait = start + next * interval - performance.now();
    if (next < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }
  await Promise.all(pending);
  return { scheduled: total, thrown, sendLag };
}
