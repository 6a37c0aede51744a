import type { IdentifierType } from '@stratum/db';
import { sql } from 'kysely';
import type { ReadonlyReader, ReadonlyTrx } from '../read-only/read-only-db';

/** A surviving profile and the ids merged into it: what "across merged ids" spans. */
export interface ProfileScope {
  profileId: string;
  /** Ids of the profiles merged into this one, oldest merge first. */
  mergedIds: string[];
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

/**
 * The id of the surviving profile of an id (its own, or the one it was merged into): at most
 * one row, none for an unknown id or another tenant's. `merged_into` always names the final
 * survivor (resolution flattens chains), so one hop from any id reaches the live profile.
 */
export function selectSurvivorId(db: ReadonlyReader, tenantId: string, profileId: string) {
  return db
    .selectFrom('cdp_profiles as given')
    .select((eb) => eb.fn.coalesce('given.merged_into', 'given.profile_id').as('profile_id'))
    .where('given.tenant_id', '=', tenantId)
    .where('given.profile_id', '=', profileId);
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
    .where('p.profile_id', '=', selectSurvivorId(trx, tenantId, profileId));
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
