import { sql } from 'kysely';
import type { ReadonlyTrx } from '../read-only/read-only-db';

/** Rows of the table sampled to place the bounds: enough for a bound every few hundred rows. */
const SAMPLE_ROWS = 20_000;

/**
 * Profile ids that cut a tenant's surviving profiles after `afterProfileId` into ranges of
 * about `rowsPerRange` rows each, ascending (n bounds make n + 1 ranges); none when the table
 * was never analysed. An estimate from a block sample of the table
 * (`TABLESAMPLE SYSTEM`, a few milliseconds), not a count: ranges come out uneven, never
 * overlapping or leaving a gap, because each range starts where the last one ended.
 */
export async function estimateProfileIdBounds(
  trx: ReadonlyTrx,
  query: { tenantId: string; afterProfileId?: string },
  rowsPerRange: number,
): Promise<string[]> {
  const table = await trx
    .selectNoFrom(
      sql<
        number | null
      >`(SELECT reltuples::float8 FROM pg_class WHERE oid = 'cdp_profiles'::regclass)`.as('rows'),
    )
    .executeTakeFirstOrThrow();
  const tableRows = table.rows ?? -1;
  // -1: never analysed, no size to sample by.
  if (tableRows <= 0) return [];
  const percent = Math.min(100, (100 * SAMPLE_ROWS) / tableRows);
  // Sampled rows of the tenant a range holds: every step-th sampled id starts a range.
  const step = Math.max(1, Math.round((rowsPerRange * percent) / 100));
  const after = query.afterProfileId;
  const rows = await trx
    .selectFrom(
      sql<{ profile_id: string; n: number }>`(
        SELECT profile_id, row_number() OVER (ORDER BY profile_id) AS n
        FROM cdp_profiles TABLESAMPLE SYSTEM (${percent}::float4)
        WHERE tenant_id = ${query.tenantId} AND merged_into IS NULL
          ${after === undefined ? sql`` : sql`AND profile_id > ${after}`}
      )`.as('s'),
    )
    .select('s.profile_id')
    .where(sql<boolean>`s.n % ${step} = 0`)
    .orderBy('s.profile_id')
    .execute();
  return rows.map((row) => row.profile_id);
}
