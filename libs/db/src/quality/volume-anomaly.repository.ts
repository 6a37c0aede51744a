import { sql } from 'kysely';
import type { Db } from '../database';
import type { NewVolumeAnomalyRow, VolumeAnomalyRow } from '../tables/source-quality.table';

/**
 * Records flagged hours; a re-run of the same hour replaces its flags.
 * @returns the flags that are new (not recorded before for their source, hour and kind)
 */
export async function upsertVolumeAnomalies(
  db: Db,
  rows: readonly NewVolumeAnomalyRow[],
): Promise<VolumeAnomalyRow[]> {
  if (rows.length === 0) return [];
  const written = await db
    .insertInto('cdp_volume_anomalies')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'source_id', 'hour', 'kind']).doUpdateSet((eb) => ({
        severity: eb.ref('excluded.severity'),
        count: eb.ref('excluded.count'),
        expected: eb.ref('excluded.expected'),
        score: eb.ref('excluded.score'),
        detected_at: eb.ref('excluded.detected_at'),
      })),
    )
    // A row the statement inserted has no xmax; one it updated carries this transaction's.
    // Told apart in the same statement, two runs at once cannot both call a flag new.
    .returningAll()
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .execute();
  return written.flatMap(({ inserted, ...row }) => (inserted ? [row] : []));
}

/** A page of a tenant's anomalies, newest hour first, before a keyset position when given. */
export interface VolumeAnomaliesPage {
  tenantId: string;
  sourceId?: string;
  since?: Date;
  before?: { hour: Date; sourceId: string; kind: string };
  limit: number;
}

/** Reads one page of {@link VolumeAnomaliesPage}. */
export async function listVolumeAnomalies(
  db: Db,
  page: VolumeAnomaliesPage,
): Promise<VolumeAnomalyRow[]> {
  let query = db
    .selectFrom('cdp_volume_anomalies')
    .selectAll()
    .where('tenant_id', '=', page.tenantId);
  if (page.sourceId !== undefined) query = query.where('source_id', '=', page.sourceId);
  if (page.since !== undefined) query = query.where('hour', '>=', page.since);
  const before = page.before;
  if (before !== undefined) {
    query = query.where((eb) =>
      eb(
        eb.refTuple('hour', 'source_id', 'kind'),
        '<',
        eb.tuple(before.hour, before.sourceId, before.kind),
      ),
    );
  }
  return query
    .orderBy('hour', 'desc')
    .orderBy('source_id', 'desc')
    .orderBy('kind', 'desc')
    .limit(page.limit)
    .execute();
}
