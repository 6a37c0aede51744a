import { sql } from 'kysely';
import type { Db } from '@stratum/db';

/** The partitions of cdp_events, default included, in name order (a stable resume order). */
async function eventPartitions(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT c.relname AS name
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'cdp_events'::regclass
    ORDER BY c.relname`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Removes the hashes from the `identifiers` of the tenant's remaining events (those of other
 * profiles: merge protection or a split stores an event carrying two people's identifiers on
 * the profile of its highest-priority one), one partition a transaction, through
 * cdp_forget_identifiers (the one UPDATE of `identifiers` the append-only trigger allows).
 * Partitions named in `done` are skipped (a resumed run); `onPartition` runs in each one's
 * transaction with its name and how many events it changed (to record progress).
 * @returns how many events changed
 */
export async function forgetIdentifiersElsewhere(
  db: Db,
  tenantId: string,
  hashes: readonly string[],
  done: readonly string[],
  onPartition: (trx: Db, partition: string, changed: number) => Promise<void>,
): Promise<number> {
  let total = 0;
  if (hashes.length === 0) return total;
  for (const partition of await eventPartitions(db)) {
    if (done.includes(partition)) continue;
    total += await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: string }>`SELECT cdp_forget_identifiers(
          ${tenantId}::uuid, ${[...hashes]}::text[], ${partition}::regclass) AS n`.execute(trx);
      const changed = Number(rows[0]?.n ?? 0);
      await onPartition(trx, partition, changed);
      return changed;
    });
  }
  return total;
}
