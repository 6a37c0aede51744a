import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_tenants')
    .addColumn('tenant_id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('dedupe_window_days', 'integer', (col) => col.notNull().defaultTo(7))
    .addColumn('junk_identifier_values', sql`text[]`, (col) =>
      col.notNull().defaultTo(sql`'{}'::text[]`),
    )
    .addColumn('identifier_limits', 'jsonb', (col) =>
      col.notNull().defaultTo(sql`'{"external_id": 1}'::jsonb`),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'cdp_tenants_dedupe_window_days_check',
      sql`dedupe_window_days BETWEEN 1 AND 365`,
    )
    .addCheckConstraint(
      'cdp_tenants_identifier_limits_check',
      sql`jsonb_typeof(identifier_limits) = 'object'`,
    )
    .execute();

  await db.schema
    .createTable('cdp_sources')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('source_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('default_country', sql`char(2)`)
    .addColumn('rate_limit_per_minute', 'integer')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_sources_pkey', ['tenant_id', 'source_id'])
    .addUniqueConstraint('cdp_sources_tenant_id_name_key', ['tenant_id', 'name'])
    .addForeignKeyConstraint(
      'cdp_sources_tenant_id_fkey',
      ['tenant_id'],
      'cdp_tenants',
      ['tenant_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('cdp_sources_default_country_check', sql`default_country ~ '^[A-Z]{2}$'`)
    .addCheckConstraint('cdp_sources_rate_limit_per_minute_check', sql`rate_limit_per_minute > 0`)
    .execute();

  await db.schema
    .createTable('cdp_api_keys')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('key_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source_id', 'uuid')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('key_prefix', 'text', (col) => col.notNull())
    .addColumn('key_hash', sql`char(64)`, (col) => col.notNull())
    .addColumn('key_hint', 'text', (col) => col.notNull())
    .addColumn('scopes', sql`text[]`, (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addPrimaryKeyConstraint('cdp_api_keys_pkey', ['tenant_id', 'key_id'])
    .addUniqueConstraint('cdp_api_keys_tenant_id_key_hash_key', ['tenant_id', 'key_hash'])
    .addForeignKeyConstraint(
      'cdp_api_keys_tenant_id_fkey',
      ['tenant_id'],
      'cdp_tenants',
      ['tenant_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'cdp_api_keys_source_fkey',
      ['tenant_id', 'source_id'],
      'cdp_sources',
      ['tenant_id', 'source_id'],
    )
    .addCheckConstraint('cdp_api_keys_key_prefix_check', sql`key_prefix IN ('cdp_wk_', 'cdp_sk_')`)
    .addCheckConstraint('cdp_api_keys_key_hash_check', sql`key_hash ~ '^[0-9a-f]{64}$'`)
    .addCheckConstraint(
      'cdp_api_keys_scopes_check',
      sql`scopes <@ ARRAY['events:write', 'profiles:read', 'sources:read', 'sources:write', 'consents:write', 'admin']::text[] AND cardinality(scopes) >= 1`,
    )
    .execute();

  // Authentication knows only the key, hence only its hash: look-up by hash alone.
  await db.schema
    .createIndex('cdp_api_keys_key_hash_idx')
    .on('cdp_api_keys')
    .column('key_hash')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_api_keys').execute();
  await db.schema.dropTable('cdp_sources').execute();
  await db.schema.dropTable('cdp_tenants').execute();
}
