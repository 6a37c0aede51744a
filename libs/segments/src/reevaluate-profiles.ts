import type { Db } from '@stratum/db';
import { applyMembership } from './apply-membership';
import type { MembershipDelta } from './apply-membership';
import { inTransaction } from './in-transaction';
import { lockSegments, lockTenantSegments } from './segment-locks';
import { SEGMENT_COLUMNS, segmentRowToSegment } from './stored-segment';

/** Options of {@link reevaluateProfiles}. */
export interface ReevaluateOptions {
  /** The instant time-relative conditions are measured from, and entries and exits dated. */
  now: Date;
}

/** What a re-evaluation changed, over every live segment of the tenant. */
export interface ReevaluationResult extends MembershipDelta {
  /** How many segments were evaluated. */
  segments: number;
}

/**
 * Re-evaluates these profiles against every live segment of the tenant and applies the
 * differences to the members and the log, in `db`'s transaction or a new one: one statement
 * per segment, whatever the number of profiles. A profile merged away (or unknown) matches
 * nothing, so it leaves every segment; pass the survivor too for it to be evaluated.
 * Running it twice, or concurrently, for the same profiles changes nothing more.
 */
export async function reevaluateProfiles(
  db: Db,
  tenantId: string,
  profileIds: readonly string[],
  options: ReevaluateOptions,
): Promise<ReevaluationResult> {
  const ids = [...new Set(profileIds)];
  const result: ReevaluationResult = { segments: 0, entered: 0, exited: 0 };
  if (ids.length === 0) return result;
  return inTransaction(db, async (trx) => {
    // Shared: the set of live segments cannot change until this transaction ends.
    await lockTenantSegments(trx, tenantId, 'shared');
    const rows = await trx
      .selectFrom('cdp_segments')
      .select(SEGMENT_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null)
      .execute();
    await lockSegments(
      trx,
      tenantId,
      rows.map((row) => row.segment_id),
    );
    for (const row of rows) {
      const delta = await applyMembership(trx, segmentRowToSegment(row), {
        now: options.now,
        profileIds: ids,
      });
      result.segments += 1;
      result.entered += delta.entered;
      result.exited += delta.exited;
    }
    return result;
  });
}
