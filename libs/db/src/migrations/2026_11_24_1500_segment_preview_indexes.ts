import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * Event conditions of segments read a tenant's events by name, in a window of `occurred_at`
 * or over all time, and need only each event's profile: with this index they are an
 * index-only range scan of the name, where without it every partition of the window is read
 * whole (over 1 M profiles and 5 M events, "did the event ever" went from 3.9 to 1.4 s of
 * PostgreSQL CPU). `INCLUDE (profile_id)` keeps the profile out of the key, which stays
 * ordered by time within a name, so new events land at the right end of each name's range.
 * Events without a name (identify and most page calls) are left out.
 *
 * Created on the partitioned table, so on every partition, each built under a lock that
 * holds writes to it for as long as the build takes. On a large deployment, build it on each
 * partition first with CREATE INDEX CONCURRENTLY (docs/RUNBOOK.md, "Migrate and roll back"):
 * this migration then attaches those indexes instead of building new ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS cdp_events_name_idx
    ON cdp_events (tenant_id, name, occurred_at) INCLUDE (profile_id)
    WHERE name IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX cdp_events_name_idx`.execute(db);
}
