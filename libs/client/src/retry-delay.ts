/**
 * How long to wait before attempt `attempt + 1`: the server's `Retry-After` when it gave
 * one, else exponential back-off with full jitter (so many clients do not retry in step).
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  retryAfter: string | null,
  random = Math.random,
): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return Math.round(random() * baseMs * 2 ** (attempt - 1));
}
