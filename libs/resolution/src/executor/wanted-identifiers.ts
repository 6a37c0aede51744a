import { sqlArray, sqlString } from '@stratum/db';
import type { HashedIdentifier } from '../planner/resolution.types';

/**
 * The rows of the batch's identifiers that exist, as a FROM item aliased `i`. The hashes go
 * in as char(64), the column's type: compared as text, the column would be cast and neither
 * index could serve the join (a sequential scan of every identifier, per batch).
 */
export function linkedIdentifiersFrom(
  tenantId: string,
  identifiers: readonly HashedIdentifier[],
): string {
  return `cdp_profile_identifiers i
    JOIN unnest(${sqlArray(
      identifiers.map((i) => i.type),
      'text',
    )}, ${sqlArray(
      identifiers.map((i) => i.hash),
      'char(64)',
    )}) AS wanted(identifier_type, identifier_hash)
      ON i.identifier_type = wanted.identifier_type AND i.identifier_hash = wanted.identifier_hash
    WHERE i.tenant_id = ${sqlString(tenantId)}::uuid`;
}
