import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cdp_consents')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('consent_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('source', 'text')
    .addColumn('source_id', 'uuid')
    .addPrimaryKeyConstraint('cdp_consents_pkey', ['tenant_id', 'consent_id'])
    .addCheckConstraint(
      'cdp_consents_purpose_check',
      sql`purpose IN ('analytics', 'marketing', 'advertising', 'personalization', 'sale_of_data')`,
    )
    .addCheckConstraint('cdp_consents_status_check', sql`status IN ('granted', 'denied')`)
    .execute();

  // The current state per purpose is the latest row: one index range scan per profile.
  await db.schema
    .createIndex('cdp_consents_profile_purpose_idx')
    .on('cdp_consents')
    .columns(['tenant_id', 'profile_id', 'purpose', 'occurred_at desc'])
    .execute();

  // Consent history is evidence: like events, it is append-only.
  await sql`
    CREATE TRIGGER cdp_consents_append_only BEFORE UPDATE OR DELETE ON cdp_consents
    FOR EACH ROW EXECUTE FUNCTION cdp_refuse_mutation('cdp_consents')
  `.execute(db);
  await sql`
    CREATE TRIGGER cdp_consents_no_truncate BEFORE TRUNCATE ON cdp_consents
    FOR EACH STATEMENT EXECUTE FUNCTION cdp_refuse_mutation('cdp_consents')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_consents').execute();
}
