import { sql } from 'kysely';
import type { Db } from '@stratum/db';

/** Events deleted per transaction: short transactions, and progress between them. */
const EVENTS_PER_CHUNK = 2000;

/**
 * Deletes the profiles' events in every partition, `chunk` at a time, through
 * cdp_erase_events (the one path past the append-only trigger), with their dedupe keys (a
 * producer's retry of an erased event is then stored anew, as a new event would be).
 * `onChunk` runs in each chunk's transaction, with the running totals (to record progress
 * with what it counts).
 */
export async function eraseEvents(
  db: Db,
  tenantId: string,
  profileIds: readonly string[],
  onChunk: (trx: Db, totals: { events: number; dedupeKeys: number }) => Promise<void>,
  chunk = EVENTS_PER_CHUNK,
): Promise<{ events: number; dedupeKeys: number }> {
  const totals = { events: 0, dedupeKeys: 0 };
  const profiles = [...profileIds];
  for (;;) {
    const deleted = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ event_id: string }>`
        SELECT e AS event_id FROM cdp_erase_events(${tenantId}::uuid, ${profiles}::uuid[], ${chunk}) AS e`.execute(
        trx,
      );
      if (rows.length === 0) return 0;
      const keys = await trx
        .deleteFrom('cdp_event_dedupe')
        .where('tenant_id', '=', tenantId)
        .where(
          'event_id',
          'in',
          rows.map((r) => r.event_id),
        )
        .executeTakeFirst();
      totals.dedupeKeys += Number(keys.numDeletedRows);
      totals.events += rows.length;
      await onChunk(trx, totals);
      return rows.length;
    });
    if (deleted === 0) return totals;
  }
}
