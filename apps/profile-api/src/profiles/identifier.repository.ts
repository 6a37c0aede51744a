import { IDENTIFIER_TYPES } from '@stratum/db';
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
 * Both read the primary key `(tenant_id, identifier_type, identifier_hash)`: one probe with a
 * type, one per type without (no index on the hash alone: see the migration that dropped it).
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
  query =
    key.type === undefined
      ? query.where('i.identifier_type', 'in', IDENTIFIER_TYPES)
      : query.where('i.identifier_type', '=', key.type);
  return query;
}
