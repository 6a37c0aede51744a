import { readSampledEvents } from '@stratum/db';
import type { Db } from '@stratum/db';
import { addTallies, emptyTally, tallyMatchKeys } from '@stratum/quality';
import type { MatchTally } from '@stratum/quality';

/** Events read per source-hour for their match keys, at most. */
const SAMPLE_SIZE = 5000;
// Read in pages: a source-hour's sample is never in memory whole.
const PAGE = 500;

/**
 * Tallies the match keys of a bounded sample of one source-hour: the events whose id hash
 * falls in bucket 0 of ⌈accepted / SAMPLE_SIZE⌉, capped at SAMPLE_SIZE. Deterministic, so a
 * re-run of the hour writes the same counts.
 */
export async function sampleMatchKeys(
  db: Db,
  hour: { tenantId: string; sourceId: string; hour: Date; accepted: number },
): Promise<MatchTally> {
  let tally = emptyTally();
  if (hour.accepted === 0) return tally;
  const buckets = Math.max(1, Math.ceil(hour.accepted / SAMPLE_SIZE));
  let afterEventId: string | undefined;
  while (tally.events < SAMPLE_SIZE) {
    const events = await readSampledEvents(db, {
      tenantId: hour.tenantId,
      sourceId: hour.sourceId,
      hour: hour.hour,
      buckets,
      afterEventId,
      limit: Math.min(PAGE, SAMPLE_SIZE - tally.events),
    });
    tally = addTallies(tally, tallyMatchKeys(events));
    const last = events.at(-1);
    if (last === undefined || events.length < PAGE) break;
    afterEventId = last.eventId;
  }
  return tally;
}
