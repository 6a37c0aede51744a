import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from '@stratum/db';
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
  limited: HashedIdentifier[];
}

export interface LockedProfile extends KnownProfile {
  mergedInto: string | null;
}

/**
 * Locks the profiles (FOR UPDATE, in id order) and loads what the planner needs, including
 * the identifiers they hold of the limited types. A concurrent merge that committed while we
 * waited shows up as `mergedInto`.
 */
export async function lockProfiles(
  trx: Transaction<Database>,
  tenantId: string,
  profileIds: readonly string[],
  limitedTypes: readonly string[],
): Promise<LockedProfile[]> {
  if (profileIds.length === 0) return [];
  const { rows } = await sql<LockedProfileRow>`
    SELECT p.profile_id, p.created_at, p.first_seen_at, p.last_seen_at, p.event_count,
           p.traits, p.trait_timestamps, p.merged_into,
           (SELECT coalesce(json_agg(json_build_object('type', i.identifier_type, 'hash', i.identifier_hash)), '[]')
              FROM cdp_profile_identifiers i
             WHERE i.tenant_id = p.tenant_id AND i.profile_id = p.profile_id
               AND i.identifier_type = ANY(${limitedTypes}::text[])) AS limited
    FROM cdp_profiles p
    WHERE p.tenant_id = ${tenantId} AND p.profile_id = ANY(${profileIds}::uuid[])
    ORDER BY p.profile_id
    FOR UPDATE OF p`.execute(trx);
  return rows.map((r) => ({
    profileId: r.profile_id,
    createdAt: r.created_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    eventCount: Number(r.event_count),
    traits: r.traits,
    traitTimestamps: r.trait_timestamps,
    limitedIdentifiers: r.limited,
    mergedInto: r.merged_into,
  }));
}

function columns(profiles: readonly ProfileWrite[]) {
  return {
    ids: profiles.map((p) => p.profileId),
    traits: profiles.map((p) => JSON.stringify(p.traits)),
    timestamps: profiles.map((p) => JSON.stringify(p.traitTimestamps)),
    first: profiles.map((p) => p.firstSeenAt.toISOString()),
    last: profiles.map((p) => p.lastSeenAt.toISOString()),
    counts: profiles.map((p) => String(p.eventCount)),
  };
}

export async function insertProfiles(
  trx: Transaction<Database>,
  tenantId: string,
  profiles: readonly ProfileWrite[],
): Promise<void> {
  if (profiles.length === 0) return;
  const c = columns(profiles);
  await sql`
    INSERT INTO cdp_profiles
      (tenant_id, profile_id, traits, trait_timestamps, first_seen_at, last_seen_at, event_count)
    SELECT ${tenantId}, * FROM unnest(
      ${c.ids}::uuid[], ${c.traits}::jsonb[], ${c.timestamps}::jsonb[],
      ${c.first}::timestamptz[], ${c.last}::timestamptz[], ${c.counts}::bigint[])`.execute(trx);
}

/** Writes the absolute new state of locked profiles (safe: we hold their row locks). */
export async function updateProfiles(
  trx: Transaction<Database>,
  tenantId: string,
  profiles: readonly ProfileWrite[],
): Promise<void> {
  if (profiles.length === 0) return;
  const c = columns(profiles);
  await sql`
    UPDATE cdp_profiles p SET
      traits = u.traits, trait_timestamps = u.trait_timestamps,
      first_seen_at = u.first_seen_at, last_seen_at = u.last_seen_at,
      event_count = u.event_count, updated_at = now()
    FROM unnest(
      ${c.ids}::uuid[], ${c.traits}::jsonb[], ${c.timestamps}::jsonb[],
      ${c.first}::timestamptz[], ${c.last}::timestamptz[], ${c.counts}::bigint[])
      AS u(profile_id, traits, trait_timestamps, first_seen_at, last_seen_at, event_count)
    WHERE p.tenant_id = ${tenantId} AND p.profile_id = u.profile_id`.execute(trx);
}

/**
 * Records merges: the merged profiles' identifiers move to the survivor, the merged rows
 * (and any earlier merged into them) point at the survivor, and the history gets a row.
 */
export async function applyMerges(
  trx: Transaction<Database>,
  tenantId: string,
  merges: readonly MergeWrite[],
): Promise<void> {
  if (merges.length === 0) return;
  const merged = merges.map((m) => m.mergedProfileId);
  const into = merges.map((m) => m.intoProfileId);
  const events = merges.map((m) => m.eventId);
  await sql`
    UPDATE cdp_profile_identifiers i SET profile_id = m.into_id
    FROM unnest(${merged}::uuid[], ${into}::uuid[]) AS m(merged_id, into_id)
    WHERE i.tenant_id = ${tenantId} AND i.profile_id = m.merged_id`.execute(trx);
  await sql`
    UPDATE cdp_profiles p SET merged_into = m.into_id, merged_at = coalesce(p.merged_at, now()), updated_at = now()
    FROM unnest(${merged}::uuid[], ${into}::uuid[]) AS m(merged_id, into_id)
    WHERE p.tenant_id = ${tenantId} AND (p.profile_id = m.merged_id OR p.merged_into = m.merged_id)`.execute(
    trx,
  );
  await sql`
    INSERT INTO cdp_profile_merges (tenant_id, merged_profile_id, into_profile_id, event_id)
    SELECT ${tenantId}, * FROM unnest(${merged}::uuid[], ${into}::uuid[], ${events}::text[])
    ON CONFLICT DO NOTHING`.execute(trx);
}
