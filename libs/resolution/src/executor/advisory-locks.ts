import { hash } from 'node:crypto';
import { sqlArray, sqlText } from '@stratum/db';
import type { SqlText } from '@stratum/db';
import type { HashedIdentifier } from '../planner/resolution.types';

/** The 64-bit advisory lock key of one identifier of one tenant. */
export function identifierLockKey(tenantId: string, identifier: HashedIdentifier): bigint {
  return hash(
    'sha256',
    `${tenantId}:${identifier.type}:${identifier.hash}`,
    'buffer',
  ).readBigInt64BE(0);
}

/**
 * The distinct lock keys of the identifiers in ascending order: the one order every writer
 * takes them in (resolution, splits, erasure), so none can deadlock another.
 */
export function identifierLockKeys(
  tenantId: string,
  identifiers: readonly HashedIdentifier[],
): bigint[] {
  return [...new Set(identifiers.map((id) => identifierLockKey(tenantId, id)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
}

/**
 * Takes a transaction-level advisory lock on every identifier, in ascending key order, so
 * two batches that share identifiers serialize instead of deadlocking or racing to create
 * two profiles for one identifier. The locks end with the transaction. Undefined when there
 * is nothing to lock.
 */
export function lockIdentifiersStatement(
  tenantId: string,
  identifiers: readonly HashedIdentifier[],
): SqlText | undefined {
  const keys = identifierLockKeys(tenantId, identifiers);
  if (keys.length === 0) return undefined;
  // pg_advisory_xact_lock is volatile, so each row is evaluated, in the array's order.
  return sqlText`SELECT count(*) AS locked FROM (
    SELECT pg_advisory_xact_lock(k) FROM unnest(${sqlArray(keys.map(String), 'bigint')}) AS k) AS l`;
}
