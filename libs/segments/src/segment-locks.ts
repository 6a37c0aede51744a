import { hash } from 'node:crypto';
import type { Trx } from '@stratum/db';
import { sql } from 'kysely';

// Lock plan (transaction-level advisory locks, so they end with the transaction):
// - the tenant's segment set: shared by every evaluation, exclusive while a segment is
//   created, changed or deleted, so an evaluation never misses a segment committed
//   meanwhile nor writes with a definition that is being replaced;
// - each segment: exclusive while its membership is written, always taken in key order
//   after the tenant's, so two evaluations of overlapping profiles serialize (the later
//   one evaluates after the earlier commits) and never deadlock.

function lockKey(text: string): string {
  return hash('sha256', text, 'buffer').readBigInt64BE(0).toString();
}

/** The advisory lock key of a tenant's set of segments. */
function tenantSegmentsLockKey(tenantId: string): string {
  return lockKey(`segments:${tenantId}`);
}

/** The advisory lock key of one segment's membership. */
function segmentLockKey(tenantId: string, segmentId: string): string {
  return lockKey(`segment:${tenantId}:${segmentId}`);
}

/** Takes the tenant's segment-set lock: `shared` to evaluate, exclusive to change the set. */
export async function lockTenantSegments(
  trx: Trx,
  tenantId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const key = tenantSegmentsLockKey(tenantId);
  await (
    mode === 'shared'
      ? sql`SELECT pg_advisory_xact_lock_shared(${key}::bigint)`
      : sql`SELECT pg_advisory_xact_lock(${key}::bigint)`
  ).execute(trx);
}

/** Locks the membership of these segments, in ascending key order (no deadlocks). */
export async function lockSegments(
  trx: Trx,
  tenantId: string,
  segmentIds: readonly string[],
): Promise<void> {
  const keys = [...new Set(segmentIds.map((id) => BigInt(segmentLockKey(tenantId, id))))]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
  if (keys.length === 0) return;
  // pg_advisory_xact_lock is volatile, so each row is evaluated, in the array's order.
  await sql`SELECT count(*) FROM (
    SELECT pg_advisory_xact_lock(k) FROM unnest(${keys}::bigint[]) WITH ORDINALITY AS u(k, n)
    ORDER BY n) AS l`.execute(trx);
}
