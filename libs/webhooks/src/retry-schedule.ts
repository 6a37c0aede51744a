/**
 * Seconds to wait after each failed attempt: Standard Webhooks' example schedule, about
 * three days from the first try to the last. After the last, the delivery is dead.
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [
  5,
  5 * 60,
  30 * 60,
  2 * 3600,
  5 * 3600,
  10 * 3600,
  14 * 3600,
  20 * 3600,
  24 * 3600,
];

// Longer than any step of the schedule: a Retry-After beyond it is a receiver's mistake.
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;
// ±20 %: enough to spread a burst of failures, little enough to keep the schedule readable.
const JITTER = 0.2;

export interface RetryDelayOptions {
  /** The schedule to follow; tests use a short one. */
  schedule?: readonly number[];
  /** The receiver's `Retry-After`, in seconds, already parsed. */
  retryAfterSeconds?: number;
  /** A number in [0, 1); `Math.random` by default. */
  random?: () => number;
}

/**
 * How long to wait before the next attempt after attempt number `failedAttempt` (from 1)
 * failed, or undefined when it was the last one. The scheduled delay gets jitter; a
 * `Retry-After` longer than it wins, capped at a day.
 */
export function retryDelaySeconds(
  failedAttempt: number,
  options: RetryDelayOptions = {},
): number | undefined {
  const schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const scheduled = schedule[failedAttempt - 1];
  if (scheduled === undefined || failedAttempt < 1) return undefined;
  const random = options.random ?? Math.random;
  const jittered = scheduled * (1 - JITTER + 2 * JITTER * random());
  const retryAfter = Math.min(options.retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS);
  return Math.max(jittered, retryAfter);
}

/** How many attempts a delivery gets with a schedule: the first and one per step. */
export function maxAttempts(schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE): number {
  return schedule.length + 1;
}

/**
 * A `Retry-After` header in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at) || !/[a-z]/i.test(trimmed)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
