import type { Db } from '@stratum/db';

/** One profile as an access document shows it: everything held about it but its events. */
export interface AccessProfile {
  profile_id: string;
  merged_into: string | null;
  merged_at: string | null;
  created_at: string;
  first_seen_at: string;
  last_seen_at: string;
  event_count: number;
  traits: unknown;
  identifiers: { type: string; hash: string; first_seen_at: string; last_seen_at: string }[];
  consents: {
    purpose: string;
    status: string;
    occurred_at: string;
    recorded_at: string;
    source: string | null;
  }[];
  segments: { segment_id: string; name: string; entered_at: string }[];
  merges: { merged_profile_id: string; into_profile_id: string; merged_at: string }[];
}

const iso = (at: Date) => at.toISOString();

/**
 * The profiles of an access request with their identifiers (hashes), traits, consent
 * history, current segments and merges, in profile id order. One statement per table.
 */
export async function readAccessProfiles(
  db: Db,
  tenantId: string,
  profileIds: readonly string[],
): Promise<AccessProfile[]> {
  if (profileIds.length === 0) return [];
  const ids = [...profileIds];
  const [profiles, identifiers, consents, segments, merges] = await Promise.all([
    db
      .selectFrom('cdp_profiles')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .orderBy('profile_id')
      .execute(),
    db
      .selectFrom('cdp_profile_identifiers')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .orderBy('identifier_type')
      .orderBy('identifier_hash')
      .execute(),
    db
      .selectFrom('cdp_consents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .orderBy('occurred_at')
      .orderBy('recorded_at')
      .execute(),
    db
      .selectFrom('cdp_segment_members as m')
      .innerJoin('cdp_segments as s', (join) =>
        join.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.segment_id', '=', 'm.segment_id'),
      )
      .select(['m.profile_id', 'm.segment_id', 'm.entered_at', 's.name'])
      .where('m.tenant_id', '=', tenantId)
      .where('m.profile_id', 'in', ids)
      .orderBy('m.entered_at')
      .execute(),
    db
      .selectFrom('cdp_profile_merges')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('merged_profile_id', 'in', ids), eb('into_profile_id', 'in', ids)]))
      .orderBy('merged_at')
      .execute(),
  ]);
  return profiles.map((p) => ({
    profile_id: p.profile_id,
    merged_into: p.merged_into,
    merged_at: p.merged_at === null ? null : iso(p.merged_at),
    created_at: iso(p.created_at),
    first_seen_at: iso(p.first_seen_at),
    last_seen_at: iso(p.last_seen_at),
    event_count: Number(p.event_count),
    traits: p.traits,
    identifiers: identifiers
      .filter((i) => i.profile_id === p.profile_id)
      .map((i) => ({
        type: i.identifier_type,
        hash: i.identifier_hash,
        first_seen_at: iso(i.first_seen_at),
        last_seen_at: iso(i.last_seen_at),
      })),
    consents: consents
      .filter((c) => c.profile_id === p.profile_id)
      .map((c) => ({
        purpose: c.purpose,
        status: c.status,
        occurred_at: iso(c.occurred_at),
        recorded_at: iso(c.recorded_at),
        source: c.source,
      })),
    segments: segments
      .filter((s) => s.profile_id === p.profile_id)
      .map((s) => ({ segment_id: s.segment_id, name: s.name, entered_at: iso(s.entered_at) })),
    merges: merges
      .filter((m) => m.merged_profile_id === p.profile_id || m.into_profile_id === p.profile_id)
      .map((m) => ({
        merged_profile_id: m.merged_profile_id,
        into_profile_id: m.into_profile_id,
        merged_at: iso(m.merged_at),
      })),
  }));
}
