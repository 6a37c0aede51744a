import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One function guards every append-only table; the table name comes as the trigger's
  // argument because TG_TABLE_NAME would name the partition, not the table.
  await sql`
    CREATE FUNCTION cdp_refuse_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_ARGV[0]
        USING ERRCODE = 'P0001', HINT = 'Rows are only ever inserted; retention drops whole partitions.';
    END
    $$
  `.execute(db);

  await db.schema
    .createTable('cdp_events')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('source_id', 'uuid')
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('identifiers', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('traits', 'jsonb')
    .addColumn('properties', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('context', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    // The partition key must be part of every unique key of a partitioned table.
    .addPrimaryKeyConstraint('cdp_events_pkey', ['tenant_id', 'event_id', 'occurred_at'])
    .addCheckConstraint('cdp_events_event_id_check', sql`char_length(event_id) BETWEEN 1 AND 128`)
    .addCheckConstraint(
      'cdp_events_type_check',
      sql`type IN ('track', 'identify', 'page', 'screen', 'alias')`,
    )
    .modifyEnd(sql`PARTITION BY RANGE (occurred_at)`)
    .execute();

  // Profile timeline, newest first, with (occurred_at, event_id) as the pagination cursor.
  await db.schema
    .createIndex('cdp_events_profile_timeline_idx')
    .on('cdp_events')
    .columns(['tenant_id', 'profile_id', 'occurred_at desc', 'event_id desc'])
    .execute();

  await db.schema
    .createIndex('cdp_events_occurred_at_idx')
    .on('cdp_events')
    .columns(['tenant_id', 'occurred_at'])
    .execute();

  await sql`CREATE TABLE cdp_events_default PARTITION OF cdp_events DEFAULT`.execute(db);

  // Row triggers on the parent are cloned to every partition; TRUNCATE triggers are not, so
  // each partition (here the default one) gets its own.
  await sql`
    CREATE TRIGGER cdp_events_append_only BEFORE UPDATE OR DELETE ON cdp_events
    FOR EACH ROW EXECUTE FUNCTION cdp_refuse_mutation('cdp_events')
  `.execute(db);
  await sql`
    CREATE TRIGGER cdp_events_no_truncate BEFORE TRUNCATE ON cdp_events
    FOR EACH STATEMENT EXECUTE FUNCTION cdp_refuse_mutation('cdp_events')
  `.execute(db);
  await sql`
    CREATE TRIGGER cdp_events_no_truncate BEFORE TRUNCATE ON cdp_events_default
    FOR EACH STATEMENT EXECUTE FUNCTION cdp_refuse_mutation('cdp_events')
  `.execute(db);

  await db.schema
    .createTable('cdp_event_dedupe')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('event_id', 'text', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull())
    .addColumn('profile_id', 'uuid')
    .addColumn('occurred_at', 'timestamptz')
    .addPrimaryKeyConstraint('cdp_event_dedupe_pkey', ['tenant_id', 'event_id'])
    .execute();

  // Retention deletes expired keys tenant by tenant, oldest first.
  await db.schema
    .createIndex('cdp_event_dedupe_received_at_idx')
    .on('cdp_event_dedupe')
    .columns(['tenant_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_event_dedupe').execute();
  // Dropping the partitioned table drops every partition with it.
  await db.schema.dropTable('cdp_events').execute();
  await sql`DROP FUNCTION cdp_refuse_mutation()`.execute(db);
}
