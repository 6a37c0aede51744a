import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '@stratum/http';
import type { CacheOutcome, ProfileCache } from './profile-cache';

/** The profile cache's metrics, in the app's registry. */
export interface ProfileCacheMetrics {
  /** `cdp_profile_cache_lookups_total{result}`: hit, miss, bypass. */
  lookups: Counter<'result'>;
}

const OUTCOMES: readonly CacheOutcome[] = ['hit', 'miss', 'bypass'];

export function createProfileCacheMetrics(
  metrics: Metrics,
  cache: ProfileCache,
): ProfileCacheMetrics {
  const registers = [metrics.registry];
  const lookups = new Counter({
    name: 'cdp_profile_cache_lookups_total',
    help: 'Profile look-ups by where the answer came from: hit (memory), miss (database, kept), bypass (database: cache off or its feed behind).',
    labelNames: ['result'],
    registers,
  });
  for (const result of OUTCOMES) lookups.inc({ result }, 0);
  new Gauge({
    name: 'cdp_profile_cache_entries',
    help: 'Look-up answers the profile cache holds.',
    registers,
    collect() {
      this.set(cache.size);
    },
  });
  new Gauge({
    name: 'cdp_profile_cache_bytes',
    help: 'Estimated memory of the answers the profile cache holds, in bytes.',
    registers,
    collect() {
      this.set(cache.bytes);
    },
  });
  new Gauge({
    name: 'cdp_profile_cache_lag_seconds',
    help: 'How far the changes the profile cache has applied trail the database (+Inf before its first read of the feed).',
    registers,
    collect() {
      this.set(cache.lagMs() / 1000);
    },
  });
  return { lookups };
}
