import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';
import { identifierLockKey, identifierLockKeys } from '@stratum/resolution';

/** Attempts at "lock what the profiles hold, then find they hold nothing more". */
const MAX_ATTEMPTS = 5;

type Held = NormalizedIdentifier[];

/**
 * Deletes every identifier of the profiles, under the advisory locks ingestion takes, in
 * ascending key order as ingestion does, so neither can deadlock the other. A batch that
 * read a link before waits for this to commit and then finds none: nothing new reaches
 * these profiles afterwards, and a later event of the same person makes a new profile. An
 * identifier linked while the locks were taken means another attempt, locking the whole
 * set again from the lowest key (never a lower key after a higher one).
 * `within` runs in the transaction that deletes them (to record what went with it).
 * @returns the identifiers deleted
 */
export async function detachIdentifiers(
  db: Db,
  tenantId: string,
  profileIds: readonly string[],
  within: (trx: Db, detached: NormalizedIdentifier[]) => Promise<void>,
): Promise<NormalizedIdentifier[]> {
  // An empty list matches nothing (kysely refuses `in ()`).
  const ids = profileIds.length === 0 ? ['00000000-0000-0000-0000-000000000000'] : [...profileIds];
  const read = (trx: Db): Promise<Held> =>
    trx
      .selectFrom('cdp_profile_identifiers')
      .select(['identifier_type as type', 'identifier_hash as hash'])
      .where('tenant_id', '=', tenantId)
      .where('profile_id', 'in', ids)
      .execute();
  let known = await read(db);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const done = await db.transaction().execute(async (trx) => {
      const keys = identifierLockKeys(tenantId, known);
      if (keys.length > 0) {
        await sql`SELECT count(pg_advisory_xact_lock(k))
          FROM unnest(${keys.map(String)}::bigint[]) AS k`.execute(trx);
      }
      const held = await read(trx);
      const lockedKeys = new Set(keys);
      if (held.some((i) => !lockedKeys.has(identifierLockKey(tenantId, i)))) {
        known = held;
        return undefined;
      }
      await trx
        .deleteFrom('cdp_profile_identifiers')
        .where('tenant_id', '=', tenantId)
        .where('profile_id', 'in', ids)
        .execute();
      await within(trx, held);
      return held;
    });
    if (done !== undefined) return done;
  }
  throw new Error('the profiles kept gaining identifiers while their locks were taken');
}
