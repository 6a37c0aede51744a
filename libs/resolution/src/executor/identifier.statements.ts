import { sqlArray, sqlString, sqlText } from '@stratum/db';
import type { SqlText } from '@stratum/db';
import type { IdentifierType } from '@stratum/identity';
import { identifierKey } from '../planner/identifier-key';
import type { StoredIdentifier } from '../planner/identifier-refresh';
import type { IdentifierWrite } from '../planner/resolution.types';

interface LinkRow {
  identifier_type: IdentifierType;
  identifier_hash: string;
  profile_id: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

/** Link rows (identifier_type, identifier_hash, profile_id, first/last seen), by identifierKey. */
export function readLinks(rows: readonly Record<string, unknown>[]): Map<string, StoredIdentifier> {
  return new Map(
    (rows as unknown as LinkRow[]).map((r) => [
      identifierKey(r.identifier_type, r.identifier_hash),
      { profileId: r.profile_id, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at },
    ]),
  );
}

function byKey(a: IdentifierWrite, b: IdentifierWrite): number {
  const ka = identifierKey(a.type, a.hash);
  const kb = identifierKey(b.type, b.hash);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function columns(identifiers: readonly IdentifierWrite[]): SqlText {
  const rows = [...identifiers].sort(byKey);
  return sqlText`unnest(
      ${sqlArray(
        rows.map((r) => r.type),
        'text',
      )},
      ${sqlArray(
        rows.map((r) => r.hash),
        'char(64)',
      )},
      ${sqlArray(
        rows.map((r) => r.profileId),
        'uuid',
      )},
      ${sqlArray(
        rows.map((r) => r.firstSeenAt.toISOString()),
        'timestamptz',
      )},
      ${sqlArray(
        rows.map((r) => r.lastSeenAt.toISOString()),
        'timestamptz',
      )}
    ) AS u(t, h, p, f, l)`;
}

/**
 * Updates already-linked identifiers (re-pointed by merges, first and last seen widened)
 * with a plain UPDATE: cheaper than an upsert, which pays an insertion attempt before each
 * update. Rows go in key order to keep lock order stable between concurrent batches. Should
 * one be missing after all (nothing deletes an identifier while its lock is held), the same
 * statement inserts it: the transaction commits in this round trip, so no row count can be
 * checked in between. The rows are inlined into both uses, so the update plans as a join of
 * the unnested rows with the primary key, as it would alone.
 */
export function updateIdentifiersStatement(
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
): SqlText | undefined {
  if (identifiers.length === 0) return undefined;
  const tenant = sqlText`${sqlString(tenantId)}::uuid`;
  return sqlText`WITH u AS NOT MATERIALIZED (SELECT * FROM ${columns(identifiers)}),
    updated AS (
      UPDATE cdp_profile_identifiers i SET
        profile_id = u.p,
        first_seen_at = LEAST(i.first_seen_at, u.f),
        last_seen_at = GREATEST(i.last_seen_at, u.l)
      FROM u
      WHERE i.tenant_id = ${tenant} AND i.identifier_type = u.t AND i.identifier_hash = u.h
      RETURNING i.identifier_type, i.identifier_hash
    )
    INSERT INTO cdp_profile_identifiers
      (tenant_id, identifier_type, identifier_hash, profile_id, first_seen_at, last_seen_at)
    SELECT ${tenant}, u.t, u.h, u.p, u.f, u.l FROM u
    WHERE NOT EXISTS (
      SELECT 1 FROM updated d WHERE d.identifier_type = u.t AND d.identifier_hash = u.h
    )`;
}

/** Links new identifiers (and, should one exist after all, refreshes it), in key order. */
export function upsertIdentifiersStatement(
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
): SqlText | undefined {
  if (identifiers.length === 0) return undefined;
  return sqlText`INSERT INTO cdp_profile_identifiers
      (tenant_id, identifier_type, identifier_hash, profile_id, first_seen_at, last_seen_at)
    SELECT ${sqlString(tenantId)}::uuid, t, h, p, f, l FROM ${columns(identifiers)}
    ON CONFLICT (tenant_id, identifier_type, identifier_hash) DO UPDATE SET
      profile_id = EXCLUDED.profile_id,
      first_seen_at = LEAST(cdp_profile_identifiers.first_seen_at, EXCLUDED.first_seen_at),
      last_seen_at = GREATEST(cdp_profile_identifiers.last_seen_at, EXCLUDED.last_seen_at)`;
}
