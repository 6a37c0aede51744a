import { sqlArray, sqlJsonb, sqlString, sqlText } from '@stratum/db';
import type { SqlText } from '@stratum/db';
import type { IdentifierType } from '@stratum/identity';
import { identifierKey } from '../planner/identifier-key';
import type {
  HashedIdentifier,
  KnownProfile,
  MergeWrite,
  ProfileWrite,
} from '../planner/resolution.types';

interface LockedProfileRow {
  profile_id: string;
  created_at: Date;
  first_seen_at: Date;
  last_seen_at: Date;
  event_count: string | number;
  traits: Record<string, unknown>;
  trait_timestamps: Record<string, string>;
  merged_into: string | null;
}

interface LimitedRow {
  profile_id: string;
  identifier_type: IdentifierType;
  identifier_hash: string;
}

export interface LockedProfile extends KnownProfile {
  mergedInto: string | null;
}

const PROFILE_COLUMNS = sqlText`p.profile_id, p.created_at, p.first_seen_at, p.last_seen_at, p.event_count,
           p.traits, p.trait_timestamps, p.merged_into`;

/**
 * The pairs that splits keep apart, as their surviving profiles (`a`, `b`), where one of
 * them is in `ids` (an SQL expression of a set of uuids). It reads the tenant's splits: one
 * index probe for a tenant with none, and a split is a manual act, so there are few.
 */
function apartPairsSql(tenant: SqlText, ids: SqlText): SqlText {
  return sqlText`SELECT r.a, r.b FROM (
      SELECT coalesce(pa.merged_into, pa.profile_id) AS a,
             coalesce(pb.merged_into, pb.profile_id) AS b
      FROM cdp_profile_splits s
      JOIN cdp_profiles pa ON pa.tenant_id = s.tenant_id AND pa.profile_id = s.profile_id
      JOIN cdp_profiles pb ON pb.tenant_id = s.tenant_id AND pb.profile_id = s.restored_profile_id
      WHERE s.tenant_id = ${tenant}) AS r
    WHERE r.a IN (${ids}) OR r.b IN (${ids})`;
}

/** {@link apartPairsSql} of the profiles, as a statement of its own (`a`, `b`). */
export function apartPairsStatement(tenantId: string, profileIds: readonly string[]): SqlText {
  return apartPairsSql(
    sqlText`${sqlString(tenantId)}::uuid`,
    sqlText`SELECT unnest(${sqlArray(profileIds, 'uuid')})`,
  );
}

/** The pairs of {@link apartPairsStatement}'s rows. */
export function readApartPairs(rows: readonly Record<string, unknown>[]): [string, string][] {
  return rows.map((r) => [r['a'] as string, r['b'] as string]);
}

/**
 * Reads the links of the batch's identifiers and locks the profiles they point at, in one
 * statement: the links come from its snapshot (taken after the identifier locks), the
 * profiles in their latest version (FOR UPDATE, in id order). Each row is a link
 * (`kind` = 'link': identifier_type, identifier_hash, profile_id, first/last seen) or a
 * locked profile (`kind` = 'profile') or a pair of them that a split keeps apart (`kind` =
 * 'apart': the pair in profile_id and merged_into); see {@link splitLinksAndProfiles}. With
 * `suppressions`, the identifiers under a privacy suppression come back too (`kind` =
 * 'suppressed': identifier_type, identifier_hash), one primary-key probe each: the check
 * costs ingestion no statement of its own.
 */
export function lockLinkedProfilesStatement(
  tenantId: string,
  identifiers: readonly HashedIdentifier[],
  options: { suppressions?: boolean } = {},
): SqlText {
  const tenant = sqlText`${sqlString(tenantId)}::uuid`;
  const suppressed = options.suppressions
    ? sqlText`
    UNION ALL
    SELECT 'suppressed', w.identifier_type, w.identifier_hash, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL
    FROM wanted w
    WHERE EXISTS (SELECT 1 FROM cdp_suppressions s WHERE s.tenant_id = ${tenant}
      AND s.identifier_type = w.identifier_type AND s.identifier_hash = w.identifier_hash)`
    : sqlText``;
  // The hashes go in as char(64), the column's type: compared as text, the column would be
  // cast and no index could serve the look-ups (a sequential scan of every identifier).
  return sqlText`WITH wanted AS MATERIALIZED (
      SELECT * FROM unnest(${sqlArray(
        identifiers.map((i) => i.type),
        'text',
      )}, ${sqlArray(
        identifiers.map((i) => i.hash),
        'char(64)',
      )}) AS w(identifier_type, identifier_hash)
    ), links AS MATERIALIZED (
      SELECT i.identifier_type, i.identifier_hash, i.profile_id, i.first_seen_at, i.last_seen_at
      FROM cdp_profile_identifiers i
      JOIN wanted
        ON i.identifier_type = wanted.identifier_type AND i.identifier_hash = wanted.identifier_hash
      WHERE i.tenant_id = ${tenant}
    ), locked AS (
      SELECT ${PROFILE_COLUMNS}
      FROM cdp_profiles p
      WHERE p.tenant_id = ${tenant}
        AND p.profile_id IN (SELECT links.profile_id FROM links)
      ORDER BY p.profile_id
      FOR UPDATE OF p
    )
    SELECT 'link' AS kind, identifier_type, identifier_hash, profile_id, first_seen_at,
           last_seen_at, NULL::timestamptz AS created_at, NULL::bigint AS event_count,
           NULL::jsonb AS traits, NULL::jsonb AS trait_timestamps, NULL::uuid AS merged_into
    FROM links
    UNION ALL
    SELECT 'profile', NULL, NULL, profile_id, first_seen_at, last_seen_at, created_at,
           event_count, traits, trait_timestamps, merged_into
    FROM locked
    UNION ALL
    SELECT 'apart', NULL, NULL, a, NULL, NULL, NULL, NULL, NULL, NULL, b
    FROM (${apartPairsSql(tenant, sqlText`SELECT locked.profile_id FROM locked`)}) AS apart${suppressed}`;
}

/**
 * Splits the rows of {@link lockLinkedProfilesStatement} into links, locked profiles, pairs
 * kept apart and the keys ({@link identifierKey}) of suppressed identifiers.
 */
export function splitLinksAndProfiles(rows: readonly Record<string, unknown>[]): {
  linkRows: Record<string, unknown>[];
  profileRows: Record<string, unknown>[];
  apart: [string, string][];
  suppressed: Set<string>;
} {
  const linkRows: Record<string, unknown>[] = [];
  const profileRows: Record<string, unknown>[] = [];
  const apart: [string, string][] = [];
  const suppressed = new Set<string>();
  for (const row of rows) {
    if (row['kind'] === 'link') linkRows.push(row);
    else if (row['kind'] === 'profile') profileRows.push(row);
    else if (row['kind'] === 'apart') {
      apart.push([row['profile_id'] as string, row['merged_into'] as string]);
    } else {
      suppressed.add(
        identifierKey(row['identifier_type'] as IdentifierType, row['identifier_hash'] as string),
      );
    }
  }
  return { linkRows, profileRows, apart, suppressed };
}

/**
 * Locks the profiles (FOR UPDATE, in id order). A concurrent merge that committed while we
 * waited shows up as `merged_into`.
 */
export function lockProfilesStatement(tenantId: string, profileIds: readonly string[]): SqlText {
  return sqlText`SELECT ${PROFILE_COLUMNS}
    FROM cdp_profiles p
    WHERE p.tenant_id = ${sqlString(tenantId)}::uuid
      AND p.profile_id = ANY(${sqlArray(profileIds, 'uuid')})
    ORDER BY p.profile_id
    FOR UPDATE OF p`;
}

/**
 * The identifiers of the limited types held by the profiles, for merge protection. Run
 * after the profiles are locked (a later statement, so a later snapshot): it then includes
 * whatever the transactions we waited for linked to them.
 */
export function limitedIdentifiersStatement(
  tenantId: string,
  profileIds: readonly string[],
  limitedTypes: readonly string[],
): SqlText {
  return sqlText`SELECT l.profile_id, l.identifier_type, l.identifier_hash
    FROM cdp_profile_identifiers l
    WHERE l.tenant_id = ${sqlString(tenantId)}::uuid
      AND l.identifier_type = ANY(${sqlArray(limitedTypes, 'text')})
      AND l.profile_id = ANY(${sqlArray(profileIds, 'uuid')})`;
}

/**
 * The profiles of a lock statement. Their limited identifiers are not loaded: the planner
 * asks for them when it needs them (see planLoadingLimits).
 */
export function readLockedProfiles(lockRows: readonly Record<string, unknown>[]): LockedProfile[] {
  return (lockRows as unknown as LockedProfileRow[]).map((r) => ({
    profileId: r.profile_id,
    createdAt: r.created_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    eventCount: Number(r.event_count),
    traits: r.traits,
    traitTimestamps: r.trait_timestamps,
    mergedInto: r.merged_into,
  }));
}

/** The rows of {@link limitedIdentifiersStatement} by profile id. */
export function readLimited(
  limitedRows: readonly Record<string, unknown>[],
): Map<string, HashedIdentifier[]> {
  const limited = new Map<string, HashedIdentifier[]>();
  for (const row of limitedRows as unknown as LimitedRow[]) {
    const list = limited.get(row.profile_id) ?? [];
    list.push({ type: row.identifier_type, hash: row.identifier_hash });
    limited.set(row.profile_id, list);
  }
  return limited;
}

/** The profiles' new state as rows of JSON: traits travel as JSON, not as text in an array. */
function profileRows(profiles: readonly ProfileWrite[]): SqlText {
  const json = JSON.stringify(
    profiles.map((p) => ({
      id: p.profileId,
      tr: p.traits,
      ts: p.traitTimestamps,
      f: p.firstSeenAt.toISOString(),
      l: p.lastSeenAt.toISOString(),
      n: p.eventCount,
    })),
  );
  return sqlText`jsonb_to_recordset(${sqlJsonb(json)})
    AS u(id uuid, tr jsonb, ts jsonb, f timestamptz, l timestamptz, n bigint)`;
}

export function insertProfilesStatement(
  tenantId: string,
  profiles: readonly ProfileWrite[],
): SqlText | undefined {
  if (profiles.length === 0) return undefined;
  return sqlText`INSERT INTO cdp_profiles
      (tenant_id, profile_id, traits, trait_timestamps, first_seen_at, last_seen_at, event_count)
    SELECT ${sqlString(tenantId)}::uuid, id, tr, ts, f, l, n FROM ${profileRows(profiles)}`;
}

/** Writes the absolute new state of locked profiles (safe: we hold their row locks). */
export function updateProfilesStatement(
  tenantId: string,
  profiles: readonly ProfileWrite[],
): SqlText | undefined {
  if (profiles.length === 0) return undefined;
  return sqlText`UPDATE cdp_profiles p SET
      traits = u.tr, trait_timestamps = u.ts, first_seen_at = u.f, last_seen_at = u.l,
      event_count = u.n, updated_at = now()
    FROM ${profileRows(profiles)}
    WHERE p.tenant_id = ${sqlString(tenantId)}::uuid AND p.profile_id = u.id`;
}

/** The statements of {@link mergeStatements}, in the order they run. */
export type MergeStatements = {
  recordMerges: SqlText | undefined;
  moveIdentifiers: SqlText | undefined;
  pointMerged: SqlText | undefined;
};

/**
 * Records merges: the merged profiles' identifiers move to the survivor (and are recorded
 * as the merge's, what a split gives back), the merged rows (and any earlier merged into
 * them) point at the survivor, and the history gets a row. The history row goes first: the
 * recorded identifiers reference it.
 */
export function mergeStatements(tenantId: string, merges: readonly MergeWrite[]): MergeStatements {
  if (merges.length === 0) {
    return { recordMerges: undefined, moveIdentifiers: undefined, pointMerged: undefined };
  }
  const tenant = sqlText`${sqlString(tenantId)}::uuid`;
  const pairs = sqlText`unnest(${sqlArray(
    merges.map((m) => m.mergedProfileId),
    'uuid',
  )}, ${sqlArray(
    merges.map((m) => m.intoProfileId),
    'uuid',
  )}) AS m(merged_id, into_id)`;
  return {
    recordMerges: sqlText`INSERT INTO cdp_profile_merges (tenant_id, merged_profile_id, into_profile_id, event_id)
      SELECT ${tenant}, * FROM unnest(${sqlArray(
        merges.map((m) => m.mergedProfileId),
        'uuid',
      )}, ${sqlArray(
        merges.map((m) => m.intoProfileId),
        'uuid',
      )}, ${sqlArray(
        merges.map((m) => m.eventId),
        'text',
      )})
      ON CONFLICT DO NOTHING`,
    moveIdentifiers: sqlText`WITH moved AS (
        UPDATE cdp_profile_identifiers i SET profile_id = m.into_id FROM ${pairs}
        WHERE i.tenant_id = ${tenant} AND i.profile_id = m.merged_id
        RETURNING m.merged_id, i.identifier_type, i.identifier_hash
      )
      INSERT INTO cdp_profile_merge_identifiers
        (tenant_id, merged_profile_id, identifier_type, identifier_hash)
      SELECT ${tenant}, merged_id, identifier_type, identifier_hash FROM moved
      ON CONFLICT DO NOTHING`,
    pointMerged: sqlText`UPDATE cdp_profiles p SET merged_into = m.into_id, merged_at = coalesce(p.merged_at, now()),
        updated_at = now()
      FROM ${pairs}
      WHERE p.tenant_id = ${tenant} AND (p.profile_id = m.merged_id OR p.merged_into = m.merged_id)`,
  };
}
