import { sqlArray, sqlString } from '@stratum/db';
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

function columns(identifiers: readonly IdentifierWrite[]): string {
  const rows = [...identifiers].sort(byKey);
  return `unnest(
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
 * update. Its row count tells whether every one of them was found. Rows go in key order to
 * keep lock order stable between concurrent batches.
 */
export function updateIdentifiersStatement(
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
): string | undefined {
  if (identifiers.length === 0) return undefined;
  return `UPDATE cdp_profile_identifiers i SET
      profile_id = u.p,
      first_seen_at = LEAST(i.first_seen_at, u.f),
      last_seen_at = GREATEST(i.last_seen_at, u.l)
    FROM ${columns(identifiers)}
    WHERE i.tenant_id = ${sqlString(tenantId)}::uuid
      AND i.identifier_type = u.t AND i.identifier_hash = u.h`;
}

/** Links new identifiers (and, should one exist after all, refreshes it), in key order. */
export function upsertIdentifiersStatement(
  tenantId: string,
  identifiers: readonly IdentifierWrite[],
): string | undefined {
  if (identifiers.length === 0) return undefined;
  return `INSERT INTO cdp_profile_identifiers
      (tenant_id, identifier_type, identifier_hash, profile_id, first_seen_at, last_seen_at)
    SELECT ${sqlString(tenantId)}::uuid, t, h, p, f, l FROM ${columns(identifiers)}
    ON CONFLICT (tenant_id, identifier_type, identifier_hash) DO UPDATE SET
      profile_id = EXCLUDED.profile_id,
      first_seen_at = LEAST(cdp_profile_identifiers.first_seen_at, EXCLUDED.first_seen_at),
      last_seen_at = GREATEST(cdp_profile_identifiers.last_seen_at, EXCLUDED.last_seen_at)`;
}
