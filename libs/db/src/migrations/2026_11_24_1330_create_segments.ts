import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * Stored segments, their current members and the append-only log of entries and exits.
 *
 * Deletion is soft (`deleted_at`): the log keeps naming the segment and its versions, and
 * an id is never reused. Every version's definition is kept in `cdp_segment_versions`, so a
 * log row's `version` can always be read back.
 *
 * Members carry no foreign key to profiles: membership is rewritten on every change of a
 * profile and must cost the worker as little as possible; erasure deletes a profile's rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_segments')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('segment_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('definition', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addPrimaryKeyConstraint('cdp_segments_pkey', ['tenant_id', 'segment_id'])
    .addForeignKeyConstraint('cdp_segments_tenant_id_fkey', ['tenant_id'], 'cdp_tenants', [
      'tenant_id',
    ])
    .addCheckConstraint('cdp_segments_name_check', sql`char_length(name) BETWEEN 1 AND 200`)
    .addCheckConstraint('cdp_segments_version_check', sql`version >= 1`)
    .execute();
  // The list of a tenant's live segments, oldest first (the API's page order).
  await sql`CREATE INDEX cdp_segments_live_idx ON cdp_segments (tenant_id, created_at, segment_id)
    WHERE deleted_at IS NULL`.execute(db);

  await db.schema
    .createTable('cdp_segment_versions')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('segment_id', 'uuid', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('definition', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_segment_versions_pkey', ['tenant_id', 'segment_id', 'version'])
    .addForeignKeyConstraint(
      'cdp_segment_versions_segment_fkey',
      ['tenant_id', 'segment_id'],
      'cdp_segments',
      ['tenant_id', 'segment_id'],
    )
    .execute();

  await db.schema
    .createTable('cdp_segment_members')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('segment_id', 'uuid', (col) => col.notNull())
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('entered_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('cdp_segment_members_pkey', ['tenant_id', 'segment_id', 'profile_id'])
    .addForeignKeyConstraint(
      'cdp_segment_members_segment_fkey',
      ['tenant_id', 'segment_id'],
      'cdp_segments',
      ['tenant_id', 'segment_id'],
    )
    .execute();
  // A profile's segments, and the re-evaluation of the profiles a change touched.
  await db.schema
    .createIndex('cdp_segment_members_profile_idx')
    .on('cdp_segment_members')
    .columns(['tenant_id', 'profile_id'])
    .execute();

  await db.schema
    .createTable('cdp_segment_membership_log')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('log_id', 'bigint', (col) => col.notNull().generatedAlwaysAsIdentity())
    .addColumn('segment_id', 'uuid', (col) => col.notNull())
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('change', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('cdp_segment_membership_log_pkey', ['tenant_id', 'log_id'])
    .addCheckConstraint(
      'cdp_segment_membership_log_change_check',
      sql`change IN ('entered', 'exited')`,
    )
    .execute();
  // A segment's changes since a time, paged by (at, log_id).
  await db.schema
    .createIndex('cdp_segment_membership_log_segment_idx')
    .on('cdp_segment_membership_log')
    .columns(['tenant_id', 'segment_id', 'at', 'log_id'])
    .execute();

  // Append-only like cdp_events. UPDATE and TRUNCATE are always refused. DELETE is refused
  // unless the transaction says it erases (SET LOCAL cdp.erasing = 'on'): the privacy
  // requests' erasure and a future retention of the log are its only legitimate deleters.
  await sql`
    CREATE TRIGGER cdp_segment_membership_log_no_update
    BEFORE UPDATE ON cdp_segment_membership_log
    FOR EACH ROW EXECUTE FUNCTION cdp_refuse_mutation('cdp_segment_membership_log')
  `.execute(db);
  await sql`
    CREATE TRIGGER cdp_segment_membership_log_no_delete
    BEFORE DELETE ON cdp_segment_membership_log
    FOR EACH ROW WHEN (current_setting('cdp.erasing', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION cdp_refuse_mutation('cdp_segment_membership_log')
  `.execute(db);
  await sql`
    CREATE TRIGGER cdp_segment_membership_log_no_truncate
    BEFORE TRUNCATE ON cdp_segment_membership_log
    FOR EACH STATEMENT EXECUTE FUNCTION cdp_refuse_mutation('cdp_segment_membership_log')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_segment_membership_log').execute();
  await db.schema.dropTable('cdp_segment_members').execute();
  await db.schema.dropTable('cdp_segment_versions').execute();
  await db.schema.dropTable('cdp_segments').execute();
}
