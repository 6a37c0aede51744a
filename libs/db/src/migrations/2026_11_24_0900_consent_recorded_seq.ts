import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * Two consents of one purpose with the same `occurred_at` need a tie-break that means
 * something: the later recorded wins. `recorded_at` cannot say it (it is the transaction's
 * start, equal for every row of one request) and `consent_id` is random, so each row gets a
 * number in the order it was inserted; a request inserts its consents in the order it listed
 * them. Adding an identity column rewrites the table once (an exclusive lock for that long)
 * and numbers the existing rows in their physical order: for an append-only table, about
 * the order they were written in. No index: a profile has a handful of consent rows, and
 * the `(…, occurred_at DESC)` index leaves only ties to sort.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cdp_consents
    ADD COLUMN recorded_seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cdp_consents DROP COLUMN recorded_seq`.execute(db);
}
