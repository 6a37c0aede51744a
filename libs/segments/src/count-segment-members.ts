import type { Db } from '@stratum/db';

/**
 * How many members a segment has now, as stored (the worker keeps them current). One range
 * of the members' primary key: its cost grows with the segment, so it is for one segment at
 * a time, not for a list of them.
 */
export async function countSegmentMembers(
  db: Db,
  tenantId: string,
  segmentId: string,
): Promise<number> {
  const row = await db
    .selectFrom('cdp_segment_members')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
