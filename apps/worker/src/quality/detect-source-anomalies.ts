import {
  findDisabledSourceIds,
  findFirstSourceHours,
  listSourceHours,
  upsertVolumeAnomalies,
} from '@stratum/db';
import type { Db, NewVolumeAnomalyRow } from '@stratum/db';
import { queueAnomalyAlerts } from '@stratum/destinations';
import { detectVolumeAnomaly } from '@stratum/quality';
import type { AnomalyOptions } from '@stratum/quality';

const HOUR_MS = 3_600_000;
/** Hours of history read before each judged hour: five weeks, one more than the baseline's. */
export const HISTORY_HOURS = 5 * 168;

/**
 * Judges each source's accepted count in each of `hours` (whole hours, oldest first)
 * against its seasonal baseline and records the flagged ones. A source is every one with
 * a summarised hour in the history; an hour without a row counts 0 from the source's first
 * hour on (so a source going silent is seen), and nothing before it. Disabled sources are
 * skipped: their events are refused on purpose. Each flag recorded for the first time is
 * queued, in the same transaction, to the tenant's destinations that ask for alerts.
 */
export async function detectSourceAnomalies(
  db: Db,
  input: { tenantId: string; hours: readonly Date[]; options?: AnomalyOptions },
): Promise<NewVolumeAnomalyRow[]> {
  const first = input.hours[0];
  const last = input.hours.at(-1);
  if (first === undefined || last === undefined) return [];
  const rows = await listSourceHours(db, {
    tenantId: input.tenantId,
    from: new Date(first.getTime() - HISTORY_HOURS * HOUR_MS),
    to: new Date(last.getTime() + HOUR_MS),
  });
  const bySource = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const counts = bySource.get(row.source_id) ?? new Map<number, number>();
    counts.set(row.hour.getTime(), row.accepted);
    bySource.set(row.source_id, counts);
  }
  const firstHours = await findFirstSourceHours(db, input.tenantId, [...bySource.keys()]);
  const disabled = await findDisabledSourceIds(db, input.tenantId);
  const flagged: NewVolumeAnomalyRow[] = [];
  for (const [sourceId, counts] of bySource) {
    if (disabled.has(sourceId)) continue;
    const start = firstHours.get(sourceId)?.getTime() ?? Number.POSITIVE_INFINITY;
    for (const hour of input.hours) {
      const series = seriesEndingAt(counts, start, hour.getTime());
      if (series === undefined) continue;
      const anomaly = detectVolumeAnomaly({ counts: series }, input.options);
      if (anomaly === undefined) continue;
      flagged.push({ tenant_id: input.tenantId, source_id: sourceId, hour, ...anomaly });
    }
  }
  if (flagged.length > 0) {
    await db.transaction().execute(async (trx) => {
      const fresh = await upsertVolumeAnomalies(trx, flagged);
      await queueAnomalyAlerts(trx, input.tenantId, fresh);
    });
  }
  return flagged;
}

/** The counts from the later of `start` and HISTORY_HOURS back, to `end`; gaps are 0. */
function seriesEndingAt(
  counts: ReadonlyMap<number, number>,
  start: number,
  end: number,
): number[] | undefined {
  if (end < start) return undefined;
  const from = Math.max(start, end - (HISTORY_HOURS - 1) * HOUR_MS);
  const series: number[] = [];
  for (let at = from; at <= end; at += HOUR_MS) series.push(counts.get(at) ?? 0);
  return series;
}
