import { sqlJsonb, sqlString, sqlText } from '@stratum/db';
import type { SqlText } from '@stratum/db';
import type { RefusedMergeWrite } from '../planner/resolution.types';

/**
 * Records a batch's refused merges (one per pair: see the planner's refusedMerges) in
 * `cdp_refused_merges`, whose row is the unordered pair: a new pair takes the batch's first
 * and last events, a known one keeps its first and counts the refusals. The rows travel
 * as one JSON array; both profiles are locked by the batch, so pairs do not race.
 */
export function recordRefusedMergesStatement(
  tenantId: string,
  refused: readonly RefusedMergeWrite[],
): SqlText | undefined {
  if (refused.length === 0) return undefined;
  const json = JSON.stringify(
    refused.map((r) => {
      const [a, b] = [r.profileId, r.otherProfileId].sort();
      return { a, b, r: r.reason, f: r.firstEventId, l: r.lastEventId, n: r.refusals };
    }),
  );
  return sqlText`INSERT INTO cdp_refused_merges AS m
      (tenant_id, profile_a_id, profile_b_id, reason, first_event_id, last_event_id, refusals)
    SELECT ${sqlString(tenantId)}::uuid, a, b, r, f, l, n
    FROM jsonb_to_recordset(${sqlJsonb(json)}) AS x(a uuid, b uuid, r text, f text, l text, n int)
    ON CONFLICT (tenant_id, profile_a_id, profile_b_id) DO UPDATE SET
      reason = excluded.reason,
      last_event_id = coalesce(excluded.last_event_id, m.last_event_id),
      last_refused_at = now(),
      refusals = m.refusals + excluded.refusals`;
}
