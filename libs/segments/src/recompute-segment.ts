import type { Db, Trx } from '@stratum/db';
import { applyMembership } from './apply-membership';
import type { MembershipDelta } from './apply-membership';
import { inTransaction } from './in-transaction';
import { lockSegments, lockTenantSegments } from './segment-locks';
import { SEGMENT_COLUMNS, segmentRowToSegment } from './stored-segment';
import { applyWholeTenantSettings } from './whole-tenant-settings';

/** Options of {@link recomputeSegment}. */
export interface RecomputeOptions {
  /** The instant time-relative conditions are measured from, and entries and exits dated. */
  now: Date;
}

/** Recomputes a segment with its locks held (the caller's transaction). */
export async function recomputeSegmentLocked(
  trx: Trx,
  tenantId: string,
  segmentId: string,
  options: RecomputeOptions,
): Promise<MembershipDelta | undefined> {
  await lockTenantSegments(trx, tenantId, 'shared');
  await lockSegments(trx, tenantId, [segmentId]);
  const row = await trx
    .selectFrom('cdp_segments')
    .select(SEGMENT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const segment = segmentRowToSegment(row);
  await applyWholeTenantSettings(trx);
  return applyMembership(trx, segment, { now: options.now });
}

/**
 * Evaluates a whole segment over its tenant's profiles and applies the difference to its
 * members, logging every entry and exit (in `db`'s transaction, or a new one). Undefined when
 * the segment does not exist or was deleted.
 */
export function recomputeSegment(
  db: Db,
  tenantId: string,
  segmentId: string,
  options: RecomputeOptions,
): Promise<MembershipDelta | undefined> {
  return inTransaction(db, (trx) => recomputeSegmentLocked(trx, tenantId, segmentId, options));
}
