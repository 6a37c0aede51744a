import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * The web origins (`https://shop.example.com`) whose pages may send a source's events from a
 * browser; NULL allows any, as before this column existed. Adding a nullable column without
 * a default only touches the catalog: no table rewrite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cdp_sources ADD COLUMN allowed_origins text[]`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cdp_sources DROP COLUMN allowed_origins`.execute(db);
}
