/**
 * Reads the resolution outcomes (created, linked, merged, protected, unchanged) the
 * ingest API counted, from its Prometheus /metrics.
 */
export async function readResolutionOutcomes(ingestUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${ingestUrl}/metrics`)).text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(/^cdp_resolution_outcomes_total\{outcome="(\w+)"\} (\d+)/gm)) {
    outcomes[match[1]!] = Number(match[2]);
  }
  return outcomes;
}
