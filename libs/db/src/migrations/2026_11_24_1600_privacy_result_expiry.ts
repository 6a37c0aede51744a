import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * Access documents hold personal data, so retention deletes them some days after their
 * request finished. The request stays (it is the audit record) and says when its document
 * went (`result_expired_at`), so that reading the result can answer 410 rather than a
 * puzzling 404. The partial index holds only the done access requests whose document is
 * still kept: what the daily retention run looks for, a handful of rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cdp_privacy_requests')
    .addColumn('result_expired_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX cdp_privacy_requests_result_kept_idx
    ON cdp_privacy_requests (finished_at)
    WHERE type = 'access' AND status = 'done' AND result_expired_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX cdp_privacy_requests_result_kept_idx`.execute(db);
  await db.schema.alterTable('cdp_privacy_requests').dropColumn('result_expired_at').execute();
}
