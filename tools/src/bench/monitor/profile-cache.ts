import { LatencyRecorder } from '../load/latency';
import type { LatencySummary } from '../load/latency';

/** The profile API's `cdp_profile_cache_lookups_total`, by result. */
export type CacheCounts = Record<'hit' | 'miss' | 'bypass', number>;

async function scrape(profileMetricsUrl: string): Promise<string> {
  const res = await fetch(`${profileMetricsUrl}/metrics`);
  if (!res.ok) throw new Error(`GET ${profileMetricsUrl}/metrics answered ${res.status}`);
  return res.text();
}

/** The profile cache's look-up counters now. */
export async function readCacheCounts(profileMetricsUrl: string): Promise<CacheCounts> {
  const text = await scrape(profileMetricsUrl);
  const counts: CacheCounts = { hit: 0, miss: 0, bypass: 0 };
  for (const m of text.matchAll(
    /^cdp_profile_cache_lookups_total\{result="(hit|miss|bypass)"\} (\S+)$/gm,
  )) {
    counts[m[1] as keyof CacheCounts] = Number(m[2]);
  }
  return counts;
}

/** What happened between two readings. */
export function cacheCountsBetween(before: CacheCounts, after: CacheCounts): CacheCounts {
  return {
    hit: after.hit - before.hit,
    miss: after.miss - before.miss,
    bypass: after.bypass - before.bypass,
  };
}

/**
 * Samples the profile cache's `cdp_profile_cache_lag_seconds` (how far the changes it has
 * applied trail the database) every `everyMs` until stopped: the cache's lag under the load
 * running meanwhile, in ms. Each sample first makes a look-up (`lookup`): the cache follows
 * the feed only while look-ups come.
 */
export function sampleCacheLag(
  profileMetricsUrl: string,
  lookup: () => Promise<unknown>,
  everyMs = 100,
): { stop: () => Promise<LatencySummary> } {
  const lag = new LatencyRecorder();
  let running = true;
  const loop = (async () => {
    while (running) {
      await lookup();
      const match = /^cdp_profile_cache_lag_seconds (\S+)$/m.exec(await scrape(profileMetricsUrl));
      const seconds = match === null ? NaN : Number(match[1]);
      if (Number.isFinite(seconds)) lag.record(seconds * 1000);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return lag.summary();
    },
  };
}
