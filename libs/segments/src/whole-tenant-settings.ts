import type { Trx } from '@stratum/db';
import { sql } from 'kysely';

/**
 * Settings, for the rest of the transaction (SET LOCAL), under which a definition evaluated
 * over every profile gets a good plan. Event and consent conditions look profiles up in sets
 * of survivors:
 * - PostgreSQL hashes such a set only when it fits in work_mem; a million ids do not fit in
 *   the default 4 MB, and a `not` over the set then searches it whole for every profile
 *   (planned at hours over a million profiles);
 * - a parallel plan builds the set once in every process (it is not parallel-aware), which
 *   on a small machine costs more than the parallel scan of the profiles saves (measured over
 *   1 M profiles on 2 cores: an event condition took 1.6 times as long in parallel).
 */
export async function applyWholeTenantSettings(trx: Trx): Promise<void> {
  await sql`set local work_mem = '128MB'`.execute(trx);
  await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
}
