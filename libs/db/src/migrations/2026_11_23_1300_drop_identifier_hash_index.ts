import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * `(tenant_id, identifier_hash)` served only the look-up by hash without a type, which the
 * primary key `(tenant_id, identifier_type, identifier_hash)` answers as well with one probe
 * per type. Every new identifier paid an entry in it, and at a million customers it is
 * nearly as large as the primary key (515 MB against 541). Dropping it takes a short
 * exclusive lock on the table (no rewrite).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cdp_profile_identifiers_hash_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS cdp_profile_identifiers_hash_idx
    ON cdp_profile_identifiers (tenant_id, identifier_hash)`.execute(db);
}
