import type { IdentifierType } from '@stratum/db';
import type { ReadonlyReader } from '../read-only/read-only-db';

/** A hashed identifier to look up; without a type, every type with that hash matches. */
export interface IdentifierKey {
  type?: IdentifierType;
  hash: string;
}

/**
 * The ids of the surviving profiles holding an identifier, by hash (and type when given):
 * none, one, or (hash without type, shared by identifiers of several types) more than one.
 * With a type this reads one row of the unique key (or of the hash index, filtered by type);
 * without, the (tenant_id, identifier_hash) index.
 */
export function selectSurvivorIdsByIdentifier(
  db: ReadonlyReader,
  tenantId: string,
  key: IdentifierKey,
) {
  let query = db
    .selectFrom('cdp_profile_identifiers as i')
    .innerJoin('cdp_profiles as p', (join) =>
      join.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.profile_id', '=', 'i.profile_id'),
    )
    .select((eb) => eb.fn.coalesce('p.merged_into', 'p.profile_id').as('profile_id'))
    .distinct()
    .where('i.tenant_id', '=', tenantId)
    .where('i.identifier_hash', '=', key.hash);
  if (key.type !== undefined) query = query.where('i.identifier_type', '=', key.type);
  return query;
}
