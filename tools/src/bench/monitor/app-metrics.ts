/**
 * Reads the resolution outcomes (created, linked, merged, protected, unchanged) the
 * ingest API counted, from its Prometheus /metrics on its metrics listener.
 */
export async function readResolutionOutcomes(
  ingestMetricsUrl: string,
): Promise<Record<string, number>> {
  const res = await fetch(`${ingestMetricsUrl}/metrics`);
  if (!res.ok) throw new Error(`GET ${ingestMetricsUrl}/metrics answered ${res.status}`);
  const text = await res.text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(/^cdp_resolution_outcomes_total\{outcome="(\w+)"\} (\d+)/gm)) {
    outcomes[match[1]!] = Number(match[2]);
  }
  return outcomes;
}

/**
 * The worker's `cdp_change_feed_lag_seconds` for segment-membership, from its /metrics, or
 * undefined when the scrape has none.
 */
export async function readFeedLagSeconds(workerMetricsUrl: string): Promise<number | undefined> {
  const res = await fetch(`${workerMetricsUrl}/metrics`);
  if (!res.ok) throw new Error(`GET ${workerMetricsUrl}/metrics answered ${res.status}`);
  const match = /^cdp_change_feed_lag_seconds\{consumer="segment-membership"\} (\S+)$/m.exec(
    await res.text(),
  );
  return match === null ? undefined : Number(match[1]);
}
