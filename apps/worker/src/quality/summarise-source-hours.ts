import { countAcceptedByHour, countRejectedByHour, upsertSourceHours } from '@stratum/db';
import type { Db, NewSourceHourRow } from '@stratum/db';
import { sampleMatchKeys } from './sample-match-keys';

/**
 * Summarises a tenant's sources over the whole hours `[from, to)`: accepted events by hour
 * received, rejected and suppressed from the rejected-events log, and the match keys of a
 * sample of each source-hour. Upserts, so a re-run replaces what it wrote. Returns the rows.
 */
export async function summariseSourceHours(
  db: Db,
  window: { tenantId: string; from: Date; to: Date },
): Promise<NewSourceHourRow[]> {
  const [accepted, rejected] = await Promise.all([
    countAcceptedByHour(db, window),
    countRejectedByHour(db, window),
  ]);
  const rows = new Map<string, NewSourceHourRow>();
  const rowOf = (sourceId: string, hour: Date): NewSourceHourRow => {
    const key = `${sourceId}/${hour.toISOString()}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = { ...EMPTY_COUNTS, tenant_id: window.tenantId, source_id: sourceId, hour };
      rows.set(key, row);
    }
    return row;
  };
  for (const count of accepted) rowOf(count.sourceId, count.hour).accepted = count.count;
  for (const count of rejected) {
    const row = rowOf(count.sourceId, count.hour);
    row.rejected = count.rejected;
    row.suppressed = count.suppressed;
  }
  for (const row of rows.values()) {
    const tally = await sampleMatchKeys(db, {
      tenantId: window.tenantId,
      sourceId: row.source_id,
      hour: new Date(row.hour),
      accepted: row.accepted ?? 0,
    });
    Object.assign(row, { sampled: tally.events, ...tally.keys });
  }
  const written = [...rows.values()];
  await upsertSourceHours(db, written);
  return written;
}

const EMPTY_COUNTS = {
  accepted: 0,
  rejected: 0,
  suppressed: 0,
  sampled: 0,
  email: 0,
  phone: 0,
  external_id: 0,
  click_id: 0,
  ip: 0,
  user_agent: 0,
} as const;
