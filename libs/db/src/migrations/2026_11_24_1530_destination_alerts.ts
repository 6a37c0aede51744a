import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * Destinations may ask for alerts (`alerts`): a `source.anomaly` delivery each time the
 * worker flags a volume anomaly. An alert comes from no change of the feed, so its delivery
 * has no `change_id`, and the feed's unique key (where NULLs are distinct) cannot keep it
 * from being queued twice: this partial key does, with `subject_id` naming the anomaly
 * (source, hour and kind). Test sends have no subject and stay outside it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cdp_destinations')
    .addColumn('alerts', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
  await sql`CREATE UNIQUE INDEX cdp_deliveries_subject_key
    ON cdp_deliveries (tenant_id, destination_id, type, subject_id)
    WHERE change_id IS NULL AND subject_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX cdp_deliveries_subject_key`.execute(db);
  await db.schema.alterTable('cdp_destinations').dropColumn('alerts').execute();
}
