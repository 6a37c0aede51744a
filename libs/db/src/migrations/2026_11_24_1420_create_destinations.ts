import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

const KINDS_BEFORE = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored')`;
const KINDS_AFTER = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored', 'segment.entered', 'segment.exited')`;

/**
 * Webhook destinations and their deliveries; segment entries and exits join the change feed.
 *
 * `secret` is the `whsec_` signing secret in clear: signing needs it (a hash would not do).
 * The API returns it once, at creation, and never again. Deletion is soft (`deleted_at`):
 * the delivery log keeps naming the destination.
 *
 * A delivery keeps the exact body sent (`body`): every retry and replay sends and signs the
 * same bytes. The unique key makes the fan-out from the change feed idempotent: a change
 * read twice (a run that failed after inserting) makes no second delivery. `subject_id` is
 * what the delivery is about within its change: the event id of an `event.stored` batch,
 * the profile otherwise; test sends have no change and no subject. `profile_id` lets an
 * erasure find a profile's deliveries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_destinations')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('destination_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('event_types', sql`text[]`)
    .addColumn('event_names', sql`text[]`)
    .addColumn('segment_ids', sql`uuid[]`)
    .addColumn('profile_updates', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('consent_purpose', 'text')
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('disabled_reason', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addPrimaryKeyConstraint('cdp_destinations_pkey', ['tenant_id', 'destination_id'])
    .addForeignKeyConstraint('cdp_destinations_tenant_id_fkey', ['tenant_id'], 'cdp_tenants', [
      'tenant_id',
    ])
    .addCheckConstraint('cdp_destinations_name_check', sql`char_length(name) BETWEEN 1 AND 200`)
    .addCheckConstraint(
      'cdp_destinations_url_check',
      sql`char_length(url) <= 2048 AND url ~ '^https?://'`,
    )
    .addCheckConstraint('cdp_destinations_secret_check', sql`secret LIKE 'whsec\\_%'`)
    .addCheckConstraint(
      'cdp_destinations_event_types_check',
      sql`event_types <@ ARRAY['track', 'identify', 'page', 'screen', 'alias']::text[]`,
    )
    .addCheckConstraint(
      'cdp_destinations_consent_purpose_check',
      sql`consent_purpose IN ('analytics', 'marketing', 'advertising', 'personalization',
        'sale_of_data')`,
    )
    .execute();
  // A tenant's live destinations, oldest first: the list, and the fan-out's look-up.
  await sql`CREATE INDEX cdp_destinations_live_idx
    ON cdp_destinations (tenant_id, created_at, destination_id)
    WHERE deleted_at IS NULL`.execute(db);

  await db.schema
    .createTable('cdp_deliveries')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('delivery_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('destination_id', 'uuid', (col) => col.notNull())
    .addColumn('change_id', 'bigint')
    .addColumn('subject_id', 'text')
    .addColumn('profile_id', 'uuid')
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('latency_ms', 'integer')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addPrimaryKeyConstraint('cdp_deliveries_pkey', ['tenant_id', 'delivery_id'])
    .addUniqueConstraint('cdp_deliveries_change_key', [
      'tenant_id',
      'destination_id',
      'change_id',
      'type',
      'subject_id',
    ])
    .addForeignKeyConstraint(
      'cdp_deliveries_destination_fkey',
      ['tenant_id', 'destination_id'],
      'cdp_destinations',
      ['tenant_id', 'destination_id'],
    )
    .addCheckConstraint(
      'cdp_deliveries_status_check',
      sql`status IN ('pending', 'failed', 'delivered', 'dead')`,
    )
    .addCheckConstraint('cdp_deliveries_attempts_check', sql`attempts >= 0`)
    .addCheckConstraint('cdp_deliveries_last_error_check', sql`char_length(last_error) <= 1000`)
    .execute();
  // A destination's delivery log, newest first (the API's page order).
  await db.schema
    .createIndex('cdp_deliveries_destination_idx')
    .on('cdp_deliveries')
    .columns(['tenant_id', 'destination_id', 'created_at desc', 'delivery_id desc'])
    .execute();
  // Replay of a destination's dead deliveries, without reading its whole log.
  await sql`CREATE INDEX cdp_deliveries_dead_idx ON cdp_deliveries (tenant_id, destination_id)
    WHERE status = 'dead'`.execute(db);
  // Deliveries still to attempt, by when: finds those whose queued job was lost.
  await sql`CREATE INDEX cdp_deliveries_due_idx ON cdp_deliveries (next_attempt_at)
    WHERE status IN ('pending', 'failed')`.execute(db);

  await replaceKindCheck(db, KINDS_AFTER);
}

/** Drops the destinations, and the segment entries and exits from the change feed. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM cdp_changes WHERE kind IN ('segment.entered', 'segment.exited')`.execute(
    db,
  );
  await replaceKindCheck(db, KINDS_BEFORE);
  await db.schema.dropTable('cdp_deliveries').execute();
  await db.schema.dropTable('cdp_destinations').execute();
}

async function replaceKindCheck(db: Kysely<unknown>, kinds: typeof KINDS_AFTER): Promise<void> {
  await db.schema.alterTable('cdp_changes').dropConstraint('cdp_changes_kind_check').execute();
  await db.schema
    .alterTable('cdp_changes')
    .addCheckConstraint('cdp_changes_kind_check', kinds)
    .execute();
}
