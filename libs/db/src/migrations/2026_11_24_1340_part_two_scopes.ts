import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

const PART_ONE = sql`ARRAY['events:write', 'profiles:read', 'sources:read', 'sources:write', 'consents:write', 'admin']::text[]`;
const PART_TWO = sql`ARRAY['events:write', 'profiles:read', 'sources:read', 'sources:write', 'consents:write', 'admin', 'segments:read', 'segments:write', 'destinations:write', 'privacy:write', 'profiles:write']::text[]`;

/** Keys may carry part two's scopes: segments, destinations, privacy requests and splits. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceScopesCheck(db, PART_TWO);
}

/** Fails while a key still holds a part-two scope: revoke or edit those keys first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await replaceScopesCheck(db, PART_ONE);
}

async function replaceScopesCheck(db: Kysely<unknown>, allowed: typeof PART_ONE): Promise<void> {
  await db.schema.alterTable('cdp_api_keys').dropConstraint('cdp_api_keys_scopes_check').execute();
  await db.schema
    .alterTable('cdp_api_keys')
    .addCheckConstraint(
      'cdp_api_keys_scopes_check',
      sql`scopes <@ ${allowed} AND cardinality(scopes) >= 1`,
    )
    .execute();
}
