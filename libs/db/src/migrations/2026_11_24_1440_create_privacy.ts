import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

const REASONS_BEFORE = sql`reason IN ('too_large', 'mapping_failed', 'no_usable_identifier',
  'invalid_identifier', 'invalid_field', 'database_refused')`;
const REASONS_AFTER = sql`reason IN ('too_large', 'mapping_failed', 'no_usable_identifier',
  'invalid_identifier', 'invalid_field', 'database_refused', 'suppressed')`;

/**
 * Privacy requests (erase, suppress, unsuppress, access), the suppression list, and the
 * documents of access requests.
 *
 * A request is its own audit record: who asked is the key's tenant, what was asked is the
 * identifiers as `{type, hash}` (never a raw value). `counts` says what the request did;
 * `progress` what a running one has done so far. An access document is stored in parts (a
 * part is one JSON fragment, read in order) so that it can be written and streamed without
 * holding it whole in memory.
 *
 * Suppressions are looked up by ingestion once per batch, by their key (tenant, type,
 * hash): the primary key is the index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_privacy_requests')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('request_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('identifiers', 'jsonb', (col) => col.notNull())
    .addColumn('profiles_affected', 'integer')
    .addColumn('counts', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('progress', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('cdp_privacy_requests_pkey', ['tenant_id', 'request_id'])
    .addForeignKeyConstraint('cdp_privacy_requests_tenant_id_fkey', ['tenant_id'], 'cdp_tenants', [
      'tenant_id',
    ])
    .addCheckConstraint(
      'cdp_privacy_requests_type_check',
      sql`type IN ('erase', 'suppress', 'unsuppress', 'access')`,
    )
    .addCheckConstraint(
      'cdp_privacy_requests_status_check',
      sql`status IN ('pending', 'running', 'done', 'failed')`,
    )
    .addCheckConstraint(
      'cdp_privacy_requests_identifiers_check',
      sql`jsonb_typeof(identifiers) = 'array' AND jsonb_array_length(identifiers) BETWEEN 1 AND 100`,
    )
    .addCheckConstraint('cdp_privacy_requests_error_check', sql`char_length(error) <= 1000`)
    .execute();
  // The worker's look-up of requests left unfinished (a lost job, a crash).
  await sql`CREATE INDEX cdp_privacy_requests_open_idx ON cdp_privacy_requests (created_at)
    WHERE status IN ('pending', 'running')`.execute(db);

  await db.schema
    .createTable('cdp_suppressions')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('identifier_type', 'text', (col) => col.notNull())
    .addColumn('identifier_hash', sql`char(64)`, (col) => col.notNull())
    .addColumn('request_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_suppressions_pkey', [
      'tenant_id',
      'identifier_type',
      'identifier_hash',
    ])
    .addForeignKeyConstraint('cdp_suppressions_tenant_id_fkey', ['tenant_id'], 'cdp_tenants', [
      'tenant_id',
    ])
    .addCheckConstraint(
      'cdp_suppressions_identifier_type_check',
      sql`identifier_type IN ('email', 'phone', 'external_id', 'anonymous_id', 'device_id')`,
    )
    .addCheckConstraint(
      'cdp_suppressions_identifier_hash_check',
      sql`identifier_hash ~ '^[0-9a-f]{64}$'`,
    )
    .execute();

  await db.schema
    .createTable('cdp_privacy_results')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('request_id', 'uuid', (col) => col.notNull())
    .addColumn('part', 'integer', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('cdp_privacy_results_pkey', ['tenant_id', 'request_id', 'part'])
    .addForeignKeyConstraint(
      'cdp_privacy_results_request_fkey',
      ['tenant_id', 'request_id'],
      'cdp_privacy_requests',
      ['tenant_id', 'request_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('cdp_privacy_results_part_check', sql`part >= 0`)
    .execute();

  await replaceReasonCheck(db, REASONS_AFTER);
}

/** Drops the privacy tables, and the suppressed events from the rejected-events log. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM cdp_rejected_events WHERE reason = 'suppressed'`.execute(db);
  await replaceReasonCheck(db, REASONS_BEFORE);
  await db.schema.dropTable('cdp_privacy_results').execute();
  await db.schema.dropTable('cdp_suppressions').execute();
  await db.schema.dropTable('cdp_privacy_requests').execute();
}

async function replaceReasonCheck(
  db: Kysely<unknown>,
  reasons: typeof REASONS_AFTER,
): Promise<void> {
  await db.schema
    .alterTable('cdp_rejected_events')
    .dropConstraint('cdp_rejected_events_reason_check')
    .execute();
  await db.schema
    .alterTable('cdp_rejected_events')
    .addCheckConstraint('cdp_rejected_events_reason_check', reasons)
    .execute();
}
