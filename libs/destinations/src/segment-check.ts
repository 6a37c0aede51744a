import type { Db } from '@stratum/db';

/** The positions of the ids that are not live segments of the tenant. */
export async function unknownSegmentIndexes(
  db: Db,
  tenantId: string,
  segmentIds: readonly string[],
): Promise<number[]> {
  if (segmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('cdp_segments')
    .select('segment_id')
    .where('tenant_id', '=', tenantId)
    .where('segment_id', 'in', segmentIds)
    .where('deleted_at', 'is', null)
    .execute();
  // PostgreSQL answers in lower case whatever case the request used.
  const live = new Set(rows.map((r) => r.segment_id.toLowerCase()));
  return segmentIds.flatMap((id, index) => (live.has(id.toLowerCase()) ? [] : [index]));
}
