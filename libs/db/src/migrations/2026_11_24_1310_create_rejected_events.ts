import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * The rejected-events log: every event refused by the ingest path, kept 7 days. Rows are
 * numbered in insertion order (`seq`): the newest-first page order and the cursor, with no
 * tie between the rows of one request. Retention deletes by time; rows arrive in time
 * order, so a BRIN index on `rejected_at` finds the old ones for a few pages of index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_rejected_events')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('seq', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('rejected_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('source_id', 'uuid')
    .addColumn('route', 'text', (col) => col.notNull())
    .addColumn('event_id', 'text')
    .addColumn('event_index', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('errors', 'jsonb', (col) => col.notNull())
    .addColumn('payload', 'jsonb')
    .addPrimaryKeyConstraint('cdp_rejected_events_pkey', ['tenant_id', 'seq'])
    .addCheckConstraint(
      'cdp_rejected_events_reason_check',
      sql`reason IN ('too_large', 'mapping_failed', 'no_usable_identifier', 'invalid_identifier',
        'invalid_field', 'database_refused')`,
    )
    .addCheckConstraint(
      'cdp_rejected_events_route_check',
      sql`route IN ('events', 'segment', 'posthog')`,
    )
    .execute();

  // The filter by source pages through its own range; the tenant-wide read uses the key.
  await db.schema
    .createIndex('cdp_rejected_events_source_idx')
    .on('cdp_rejected_events')
    .columns(['tenant_id', 'source_id', 'seq desc'])
    .execute();
  await sql`CREATE INDEX cdp_rejected_events_rejected_at_brin
    ON cdp_rejected_events USING brin (rejected_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_rejected_events').execute();
}
