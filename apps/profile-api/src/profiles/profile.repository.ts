import type { IdentifierType, JsonObject } from '@stratum/db';
import { sql } from 'kysely';
import type { ReadonlyTrx } from '../read-only/read-only-db';

/** A surviving profile and the ids merged into it: what "across merged ids" spans. */
export interface ProfileScope {
  profileId: string;
  /** Ids of the profiles merged into this one, oldest merge first. */
  mergedIds: string[];
}

/** The columns of a surviving profile that the API returns. */
export interface ProfileRecord extends ProfileScope {
  traits: JsonObject;
  firstSeenAt: Date;
  lastSeenAt: Date;
  eventCount: number;
}

/** An identifier linked to a profile. */
export interface ProfileIdentifierRecord {
  type: IdentifierType;
  hash: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** Every id a scope covers: the survivor first, then the merged ones. */
export function scopeIds(scope: ProfileScope): string[] {
  return [scope.profileId, ...scope.mergedIds];
}

// `merged_into` always names the final survivor (resolution flattens chains), so one hop
// from any id reaches the live profile.
function survivorOf(trx: ReadonlyTrx, tenantId: string, profileId: string) {
  return trx
    .selectFrom('cdp_profiles as s')
    .select((eb) => eb.fn.coalesce('s.merged_into', 's.profile_id').as('id'))
    .where('s.tenant_id', '=', tenantId)
    .where('s.profile_id', '=', profileId);
}

function baseQuery(trx: ReadonlyTrx, tenantId: string, profileId: string) {
  return trx
    .selectFrom('cdp_profiles as p')
    .select((eb) => [
      'p.profile_id',
      sql<string[]>`array(${eb
        .selectFrom('cdp_profiles as m')
        .select('m.profile_id')
        .whereRef('m.tenant_id', '=', 'p.tenant_id')
        .whereRef('m.merged_into', '=', 'p.profile_id')
        .orderBy('m.merged_at')
        .orderBy('m.profile_id')})`.as('merged_ids'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.profile_id', '=', survivorOf(trx, tenantId, profileId));
}

/**
 * Finds the surviving profile of an id (its own, or the one it was merged into) with the ids
 * merged into it. `undefined` for an unknown id and for another tenant's.
 */
export async function findProfileScope(
  trx: ReadonlyTrx,
  tenantId: string,
  profileId: string,
): Promise<ProfileScope | undefined> {
  const row = await baseQuery(trx, tenantId, profileId).executeTakeFirst();
  return row && { profileId: row.profile_id, mergedIds: row.merged_ids };
}

/** Like {@link findProfileScope}, with the profile's traits, times and event count. */
export async function findProfileRecord(
  trx: ReadonlyTrx,
  tenantId: string,
  profileId: string,
): Promise<ProfileRecord | undefined> {
  const row = await baseQuery(trx, tenantId, profileId)
    .select(['p.traits', 'p.first_seen_at', 'p.last_seen_at', 'p.event_count'])
    .executeTakeFirst();
  return (
    row && {
      profileId: row.profile_id,
      mergedIds: row.merged_ids,
      traits: row.traits,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      eventCount: row.event_count,
    }
  );
}

/** The identifiers of a surviving profile (merges re-point them to it), oldest first. */
export async function findProfileIdentifiers(
  trx: ReadonlyTrx,
  tenantId: string,
  profileId: string,
): Promise<ProfileIdentifierRecord[]> {
  const rows = await trx
    .selectFrom('cdp_profile_identifiers')
    .select(['identifier_type', 'identifier_hash', 'first_seen_at', 'last_seen_at'])
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId)
    .orderBy('first_seen_at')
    .orderBy('identifier_type')
    .orderBy('identifier_hash')
    .execute();
  return rows.map((r) => ({
    type: r.identifier_type,
    hash: r.identifier_hash,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  }));
}
