import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';

/**
 * Suppresses the identifiers for the tenant: from the commit on, ingestion stores no event
 * that carries one. An identifier already suppressed keeps its first entry.
 * @returns how many were newly suppressed
 */
export async function addSuppressions(
  db: Db,
  tenantId: string,
  identifiers: readonly NormalizedIdentifier[],
  requestId: string,
): Promise<number> {
  const result = await db
    .insertInto('cdp_suppressions')
    .values(
      identifiers.map((i) => ({
        tenant_id: tenantId,
        identifier_type: i.type,
        identifier_hash: i.hash,
        request_id: requestId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Lifts the suppression of the identifiers.
 * @returns how many were suppressed
 */
export async function removeSuppressions(
  db: Db,
  tenantId: string,
  identifiers: readonly NormalizedIdentifier[],
): Promise<number> {
  const result = await sql`DELETE FROM cdp_suppressions s
    USING unnest(${identifiers.map((i) => i.type)}::text[],
      ${identifiers.map((i) => i.hash)}::bpchar[]) AS u(t, h)
    WHERE s.tenant_id = ${tenantId} AND s.identifier_type = u.t AND s.identifier_hash = u.h`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}
