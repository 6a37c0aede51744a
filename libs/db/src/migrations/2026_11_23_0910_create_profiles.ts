import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_profiles')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('profile_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('traits', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('trait_timestamps', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('event_count', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('merged_into', 'uuid')
    .addColumn('merged_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_profiles_pkey', ['tenant_id', 'profile_id'])
    .addForeignKeyConstraint('cdp_profiles_tenant_id_fkey', ['tenant_id'], 'cdp_tenants', [
      'tenant_id',
    ])
    .execute();

  // Finds the profiles merged into a survivor, to serve `merged_ids` and old ids.
  await db.schema
    .createIndex('cdp_profiles_merged_into_idx')
    .on('cdp_profiles')
    .columns(['tenant_id', 'merged_into'])
    .where(sql.ref('merged_into'), 'is not', null)
    .execute();

  await db.schema
    .createTable('cdp_profile_identifiers')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('identifier_type', 'text', (col) => col.notNull())
    .addColumn('identifier_hash', sql`char(64)`, (col) => col.notNull())
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_profile_identifiers_pkey', [
      'tenant_id',
      'identifier_type',
      'identifier_hash',
    ])
    .addForeignKeyConstraint(
      'cdp_profile_identifiers_profile_fkey',
      ['tenant_id', 'profile_id'],
      'cdp_profiles',
      ['tenant_id', 'profile_id'],
    )
    .addCheckConstraint(
      'cdp_profile_identifiers_identifier_type_check',
      sql`identifier_type IN ('email', 'phone', 'external_id', 'anonymous_id', 'device_id')`,
    )
    .addCheckConstraint(
      'cdp_profile_identifiers_identifier_hash_check',
      sql`identifier_hash ~ '^[0-9a-f]{64}$'`,
    )
    .execute();

  await db.schema
    .createIndex('cdp_profile_identifiers_profile_idx')
    .on('cdp_profile_identifiers')
    .columns(['tenant_id', 'profile_id'])
    .execute();

  // A look-up by `identifier_hash` alone does not know the type.
  await db.schema
    .createIndex('cdp_profile_identifiers_hash_idx')
    .on('cdp_profile_identifiers')
    .columns(['tenant_id', 'identifier_hash'])
    .execute();

  await db.schema
    .createTable('cdp_profile_merges')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('merged_profile_id', 'uuid', (col) => col.notNull())
    .addColumn('into_profile_id', 'uuid', (col) => col.notNull())
    .addColumn('event_id', 'text')
    .addColumn('merged_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_profile_merges_pkey', ['tenant_id', 'merged_profile_id'])
    .execute();

  await db.schema
    .createIndex('cdp_profile_merges_into_idx')
    .on('cdp_profile_merges')
    .columns(['tenant_id', 'into_profile_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_profile_merges').execute();
  await db.schema.dropTable('cdp_profile_identifiers').execute();
  await db.schema.dropTable('cdp_profiles').execute();
}
