import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * The change feed (an outbox): what the write path changed, written in the same
 * transaction as the change, read by cursor (the worker, the live stream, destinations).
 *
 * Ordering: `change_id` (identity) is handed out at insert, not at commit, so ids commit out
 * of order across concurrent transactions. Each row also keeps its transaction's id (`xid`,
 * xid8: never wraps). Readers order by (xid, change_id) and read only rows whose xid is below
 * the xmin of their snapshot: every transaction below it has ended, so that prefix of the
 * order can never grow again, and a cursor into it never skips a row committed late.
 *
 * Keys: tenant_id leads the primary key (a tenant's feed); the global feed index leads with
 * xid because the worker reads every tenant in one order. No foreign keys: a row must
 * outlive nothing and cost the ingest transaction as little as possible. Retention deletes
 * by time (BRIN on recorded_at, rows arrive in time order).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_changes')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('change_id', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('xid', sql`xid8`, (col) => col.notNull().defaultTo(sql`pg_current_xact_id()`))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('profile_id', 'uuid')
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('data', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('cdp_changes_pkey', ['tenant_id', 'xid', 'change_id'])
    .addCheckConstraint(
      'cdp_changes_kind_check',
      sql`kind IN ('profile.created', 'profile.updated', 'profile.merged', 'consent.changed',
        'event.stored')`,
    )
    .execute();
  await db.schema
    .createIndex('cdp_changes_feed_idx')
    .on('cdp_changes')
    .columns(['xid', 'change_id'])
    .execute();
  await sql`CREATE INDEX cdp_changes_recorded_at_brin
    ON cdp_changes USING brin (recorded_at)`.execute(db);

  // Platform-wide, not tenant data: one row per consumer (a worker task, a destination
  // dispatcher), its position in the feed.
  await db.schema
    .createTable('cdp_change_cursors')
    .addColumn('consumer', 'text', (col) => col.primaryKey())
    .addColumn('last_xid', sql`xid8`, (col) => col.notNull())
    .addColumn('last_change_id', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'cdp_change_cursors_consumer_check',
      sql`length(consumer) BETWEEN 1 AND 200`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_change_cursors').execute();
  await db.schema.dropTable('cdp_changes').execute();
}
