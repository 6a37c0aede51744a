import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';

/** The profiles a request reaches. */
export interface RequestProfiles {
  /** The live profiles the identifiers resolve to. */
  survivors: string[];
  /** Those and every profile merged into them (at any depth): what the request is about. */
  all: string[];
  /** How many of the request's identifiers some profile holds. */
  identifiersMatched: number;
}

/**
 * The profiles `identifiers` resolve to, followed to their survivors, and every profile
 * merged into those. Another tenant's identifiers resolve to nothing, as unknown ones do.
 */
export async function findRequestProfiles(
  db: Db,
  tenantId: string,
  identifiers: readonly NormalizedIdentifier[],
): Promise<RequestProfiles> {
  if (identifiers.length === 0) return { survivors: [], all: [], identifiersMatched: 0 };
  const types = identifiers.map((i) => i.type);
  const hashes = identifiers.map((i) => i.hash);
  // bpchar, the column's type, so that the look-up uses the primary key.
  const { rows } = await sql<{ profile_id: string; survivor: boolean; matched: number }>`
    WITH RECURSIVE held AS (
      SELECT i.profile_id FROM cdp_profile_identifiers i
      JOIN unnest(${types}::text[], ${hashes}::bpchar[]) AS u(t, h)
        ON i.identifier_type = u.t AND i.identifier_hash = u.h
      WHERE i.tenant_id = ${tenantId}
    ), up AS (
      SELECT p.profile_id, p.merged_into FROM cdp_profiles p
      WHERE p.tenant_id = ${tenantId} AND p.profile_id IN (SELECT profile_id FROM held)
      UNION
      SELECT p.profile_id, p.merged_into FROM cdp_profiles p
      JOIN up ON p.tenant_id = ${tenantId} AND p.profile_id = up.merged_into
    ), down AS (
      SELECT profile_id FROM up WHERE merged_into IS NULL
      UNION
      SELECT p.profile_id FROM cdp_profiles p
      JOIN down ON p.tenant_id = ${tenantId} AND p.merged_into = down.profile_id
    )
    SELECT d.profile_id,
      d.profile_id IN (SELECT profile_id FROM up WHERE merged_into IS NULL) AS survivor,
      (SELECT count(*)::int FROM held) AS matched
    FROM down d
    ORDER BY d.profile_id`.execute(db);
  return {
    survivors: rows.filter((r) => r.survivor).map((r) => r.profile_id),
    all: rows.map((r) => r.profile_id),
    identifiersMatched: rows[0]?.matched ?? 0,
  };
}
