/**
 * Runs `task` from `concurrency` workers, each starting its next request as soon as the
 * previous one answered, until `durationMs` has passed. Measures capacity, not latency
 * at a given rate: a slow answer holds its worker back.
 */
export async function runClosedLoop(options: {
  concurrency: number;
  durationMs: number;
  task: () => Promise<void>;
}): Promise<void> {
  const deadline = performance.now() + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) await options.task();
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}
