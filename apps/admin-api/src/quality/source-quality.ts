import { listSourceHours } from '@stratum/db';
import type { Db, SourceHourRow } from '@stratum/db';
import { addTallies, emptyTally, scoreTally } from '@stratum/quality';
import type { MatchTally } from '@stratum/quality';
import type { SourceQuality } from '@stratum/schemas';

const HOUR_MS = 3_600_000;

/**
 * A source's quality over the `days` before the current hour: the score of its summed
 * sample (busy hours weigh more), and each summarised hour with its own score.
 */
export async function readSourceQuality(
  db: Db,
  query: { tenantId: string; sourceId: string; days: number; now?: Date },
): Promise<SourceQuality> {
  const to = Math.floor((query.now ?? new Date()).getTime() / HOUR_MS) * HOUR_MS;
  const rows = await listSourceHours(db, {
    tenantId: query.tenantId,
    sourceId: query.sourceId,
    from: new Date(to - query.days * 24 * HOUR_MS),
    to: new Date(to),
  });
  const total = rows.reduce((sum, row) => addTallies(sum, tallyOf(row)), emptyTally());
  return {
    source_id: query.sourceId,
    ...scoreTally(total),
    hours: rows.map((row) => ({
      hour: row.hour.toISOString(),
      accepted: row.accepted,
      rejected: row.rejected,
      suppressed: row.suppressed,
      score: scoreTally(tallyOf(row)).score,
    })),
  };
}

function tallyOf(row: SourceHourRow): MatchTally {
  return {
    events: row.sampled,
    keys: {
      email: row.email,
      phone: row.phone,
      external_id: row.external_id,
      click_id: row.click_id,
      ip: row.ip,
      user_agent: row.user_agent,
    },
  };
}
