/** Cumulative bucket counts of `cdp_inbox_resolution_lag_seconds`, by upper bound. */
export type LagBuckets = Map<number, number>;

/** The worker's inbox-lag histogram buckets, from its /metrics. */
export async function readInboxLagBuckets(workerMetricsUrl: string): Promise<LagBuckets> {
  const res = await fetch(`${workerMetricsUrl}/metrics`);
  if (!res.ok) throw new Error(`GET ${workerMetricsUrl}/metrics answered ${res.status}`);
  const buckets: LagBuckets = new Map();
  const text = await res.text();
  for (const m of text.matchAll(
    /^cdp_inbox_resolution_lag_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm,
  )) {
    buckets.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  }
  return buckets;
}

/**
 * A quantile of what was observed between two scrapes, interpolated linearly within its
 * bucket as Prometheus's histogram_quantile does (so its precision is the buckets').
 * @returns seconds, or null when nothing was observed
 */
export function lagQuantile(before: LagBuckets, after: LagBuckets, q: number): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (counts[i]! < rank) continue;
    const lower = i === 0 ? 0 : bounds[i - 1]!;
    const upper = bounds[i]!;
    if (upper === Infinity) return lower;
    const below = i === 0 ? 0 : counts[i - 1]!;
    const inBucket = counts[i]! - below;
    return inBucket === 0 ? upper : lower + ((upper - lower) * (rank - below)) / inBucket;
  }
  return null;
}
