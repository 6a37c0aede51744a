import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { normalizeIdentifier } from '@stratum/identity';
import { LOADED_IDENTIFIERS, customerIdentifiers } from '../load/customers';
import type { Progress } from '../report/progress';

export interface ProfilesLoadResult {
  profiles: number;
  identifiers: number;
  seconds: number;
  profilesPerSecond: number;
}

const CHUNK = 25_000;

/**
 * Bulk-loads `count` known customers straight into cdp_profiles and
 * cdp_profile_identifiers with INSERT … SELECT over generate_series (email, CRM id and
 * first anonymous id each, hashed in SQL as libs/identity hashes the normalized value),
 * then VACUUM ANALYZE so the planner and the visibility map see a settled table.
 */
export async function loadProfiles(
  db: Db,
  tenantId: string,
  count: number,
  progress: Progress,
): Promise<ProfilesLoadResult> {
  const startedAt = performance.now();
  progress.bar('profiles', 0, count, startedAt);
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    await db.transaction().execute(async (trx) => {
      await sql`
        INSERT INTO cdp_profiles
          (tenant_id, profile_id, traits, trait_timestamps, first_seen_at, last_seen_at, event_count, created_at)
        SELECT ${tenantId}, md5(${tenantId}::text || i)::uuid,
               jsonb_build_object('plan', (ARRAY['free', 'pro', 'team'])[1 + i % 3]),
               jsonb_build_object('plan', to_json(c.at) #>> '{}'),
               c.at, c.at + interval '1 day', 1 + i % 50, c.at
        FROM generate_series(${from}::bigint, ${to}::bigint) AS i
        CROSS JOIN LATERAL (SELECT now() - interval '400 days' + i * interval '10 ms' AS at) AS c
      `.execute(trx);
      await sql`
        INSERT INTO cdp_profile_identifiers
          (tenant_id, identifier_type, identifier_hash, profile_id, first_seen_at, last_seen_at)
        SELECT ${tenantId}, v.type, encode(sha256(convert_to(v.value, 'UTF8')), 'hex'),
               md5(${tenantId}::text || i)::uuid, now() - interval '400 days', now() - interval '1 day'
        FROM generate_series(${from}::bigint, ${to}::bigint) AS i
        CROSS JOIN LATERAL (VALUES ${sql.join(
          LOADED_IDENTIFIERS.map((id) => sql`(${id.type}, ${sql.raw(id.sql)})`),
        )}) AS v(type, value)
      `.execute(trx);
    });
    progress.bar('profiles', to + 1, count, startedAt);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  progress.done();
  progress.status('VACUUM ANALYZE');
  await sql`VACUUM ANALYZE cdp_profiles, cdp_profile_identifiers`.execute(db);
  progress.done();
  await assertHashesMatch(db, tenantId, count);
  return {
    profiles: count,
    identifiers: count * LOADED_IDENTIFIERS.length,
    seconds,
    profilesPerSecond: count / seconds,
  };
}

/** The SQL hashing must agree with libs/identity, or every event would miss its customer. */
async function assertHashesMatch(db: Db, tenantId: string, count: number): Promise<void> {
  const customer = count - 1;
  const result = normalizeIdentifier({ type: 'email', value: customerIdentifiers.email(customer) });
  if (!result.ok) throw new Error('the synthetic email does not normalize');
  const row = await db
    .selectFrom('cdp_profile_identifiers')
    .select('profile_id')
    .where('tenant_id', '=', tenantId)
    .where('identifier_type', '=', 'email')
    .where('identifier_hash', '=', result.identifier.hash)
    .executeTakeFirst();
  if (row === undefined) {
    throw new Error('bulk-loaded identifier hashes do not match libs/identity hashing');
  }
}
