import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * Every event rewrites its profile's row and the times of its identifiers. With the pages
 * full, each of those rewrites puts the new row version on another page and adds an entry
 * to every index of the table. With a fifth of each page kept free, the new version usually
 * fits beside the old one and, as no indexed column changed, no index is touched (a HOT
 * update). Applies to pages written from now on; `VACUUM FULL` rewrites existing ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cdp_profiles SET (fillfactor = 80)`.execute(db);
  await sql`ALTER TABLE cdp_profile_identifiers SET (fillfactor = 80)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cdp_profile_identifiers RESET (fillfactor)`.execute(db);
  await sql`ALTER TABLE cdp_profiles RESET (fillfactor)`.execute(db);
}
