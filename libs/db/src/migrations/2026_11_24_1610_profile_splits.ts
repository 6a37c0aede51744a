import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

const KINDS_BEFORE = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored', 'segment.entered', 'segment.exited', 'profile.erased')`;
const KINDS_AFTER = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored', 'segment.entered', 'segment.exited', 'profile.erased',
  'profile.split')`;

/**
 * Splitting a wrong merge (SPEC §13).
 *
 * - Each merge gets an id (`merge_id`), and the identifiers the merged profile held when it
 *   was merged are recorded (`cdp_profile_merge_identifiers`, deleted with their merge): a
 *   split gives back exactly those. Merges recorded before this migration have none and
 *   cannot be split.
 * - `cdp_profile_splits` keeps each split merge (its history) and the pair it keeps apart.
 * - `cdp_split_events` is the one path past the append-only trigger for an UPDATE: it moves
 *   events to the restored profile, changing `profile_id` and nothing else. The trigger lets
 *   an UPDATE through only from that function's body and only when no other column changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cdp_profile_merges
    ADD COLUMN merge_id uuid NOT NULL DEFAULT gen_random_uuid()`.execute(db);
  await sql`ALTER TABLE cdp_profile_merges
    ADD CONSTRAINT cdp_profile_merges_merge_id_key UNIQUE (tenant_id, merge_id)`.execute(db);

  await db.schema
    .createTable('cdp_profile_merge_identifiers')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('merged_profile_id', 'uuid', (col) => col.notNull())
    .addColumn('identifier_type', 'text', (col) => col.notNull())
    .addColumn('identifier_hash', sql`char(64)`, (col) => col.notNull())
    .addPrimaryKeyConstraint('cdp_profile_merge_identifiers_pkey', [
      'tenant_id',
      'merged_profile_id',
      'identifier_type',
      'identifier_hash',
    ])
    .addForeignKeyConstraint(
      'cdp_profile_merge_identifiers_merge_fkey',
      ['tenant_id', 'merged_profile_id'],
      'cdp_profile_merges',
      ['tenant_id', 'merged_profile_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('cdp_profile_splits')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('split_id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('merge_id', 'uuid', (col) => col.notNull())
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('restored_profile_id', 'uuid', (col) => col.notNull())
    .addColumn('merged_at', 'timestamptz', (col) => col.notNull())
    .addColumn('merge_event_id', 'text')
    .addColumn('identifiers_moved', 'integer', (col) => col.notNull())
    .addColumn('events_moved', 'integer', (col) => col.notNull())
    .addColumn('split_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_profile_splits_pkey', ['tenant_id', 'split_id'])
    .addUniqueConstraint('cdp_profile_splits_merge_key', ['tenant_id', 'merge_id'])
    .execute();
  await db.schema
    .createIndex('cdp_profile_splits_profile_idx')
    .on('cdp_profile_splits')
    .columns(['tenant_id', 'profile_id'])
    .execute();
  await db.schema
    .createIndex('cdp_profile_splits_restored_idx')
    .on('cdp_profile_splits')
    .columns(['tenant_id', 'restored_profile_id'])
    .execute();

  await sql`
    CREATE FUNCTION cdp_split_events(p_tenant uuid, p_from uuid[], p_to uuid, p_types text[],
      p_hashes text[], p_since timestamptz)
    RETURNS TABLE (event_id text, occurred_at timestamptz, traits jsonb)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      RETURN QUERY UPDATE cdp_events e SET profile_id = p_to
        WHERE e.tenant_id = p_tenant AND e.profile_id = ANY(p_from)
          AND e.received_at >= p_since
          AND jsonb_array_length(e.identifiers) > 0
          AND NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements(e.identifiers) AS x(i)
            WHERE NOT EXISTS (
              SELECT 1 FROM unnest(p_types, p_hashes) AS m(t, h)
              WHERE m.t = x.i->>'type' AND m.h = x.i->>'hash'))
        RETURNING e.event_id, e.occurred_at, e.traits;
    END
    $$
  `.execute(db);

  await sql`
    CREATE OR REPLACE FUNCTION cdp_refuse_mutation_unless_erasing() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      caller text;
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        GET DIAGNOSTICS caller = PG_CONTEXT;
        -- The stack's first line is this trigger; the next function line down is the one
        -- whose statement changes the row (the statement's own text may span several lines).
        caller := substring(caller FROM E'\nPL/pgSQL function ([^\n]*)');
        IF TG_OP = 'DELETE' AND (caller LIKE 'cdp\\_erase\\_events(uuid,uuid[],integer) line %'
          OR caller LIKE 'cdp\\_erase\\_consents(uuid,uuid[]) line %')
        THEN
          RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND TG_ARGV[0] = 'cdp_events'
          AND caller LIKE 'cdp\\_split\\_events(uuid,uuid[],uuid,text[],text[],timestamp with time zone) line %'
          AND to_jsonb(NEW) - 'profile_id' = to_jsonb(OLD) - 'profile_id'
        THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION '% is append-only', TG_ARGV[0]
        USING ERRCODE = 'P0001',
          HINT = 'Rows are only ever inserted; retention drops whole partitions; erasure deletes through cdp_erase_events and cdp_erase_consents; a split moves events through cdp_split_events.';
    END
    $$
  `.execute(db);

  await replaceKindCheck(db, KINDS_AFTER);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM cdp_changes WHERE kind = 'profile.split'`.execute(db);
  await replaceKindCheck(db, KINDS_BEFORE);
  await sql`
    CREATE OR REPLACE FUNCTION cdp_refuse_mutation_unless_erasing() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      caller text;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        GET DIAGNOSTICS caller = PG_CONTEXT;
        caller := substring(caller FROM E'\nPL/pgSQL function ([^\n]*)');
        IF caller LIKE 'cdp\\_erase\\_events(uuid,uuid[],integer) line %'
          OR caller LIKE 'cdp\\_erase\\_consents(uuid,uuid[]) line %'
        THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION '% is append-only', TG_ARGV[0]
        USING ERRCODE = 'P0001',
          HINT = 'Rows are only ever inserted; retention drops whole partitions; erasure deletes through cdp_erase_events and cdp_erase_consents.';
    END
    $$
  `.execute(db);
  await sql`DROP FUNCTION cdp_split_events(uuid, uuid[], uuid, text[], text[], timestamptz)`.execute(
    db,
  );
  await db.schema.dropTable('cdp_profile_splits').execute();
  await db.schema.dropTable('cdp_profile_merge_identifiers').execute();
  await sql`ALTER TABLE cdp_profile_merges DROP CONSTRAINT cdp_profile_merges_merge_id_key`.execute(
    db,
  );
  await sql`ALTER TABLE cdp_profile_merges DROP COLUMN merge_id`.execute(db);
}

async function replaceKindCheck(db: Kysely<unknown>, kinds: typeof KINDS_AFTER): Promise<void> {
  await db.schema.alterTable('cdp_changes').dropConstraint('cdp_changes_kind_check').execute();
  await db.schema
    .alterTable('cdp_changes')
    .addCheckConstraint('cdp_changes_kind_check', kinds)
    .execute();
}
