import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/** The guard as migration 2026_11_24_1610_profile_splits left it (for down). */
const GUARD_BEFORE = sql`
  CREATE OR REPLACE FUNCTION cdp_refuse_mutation_unless_erasing() RETURNS trigger
  LANGUAGE plpgsql AS $$
  DECLARE
    caller text;
  BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      GET DIAGNOSTICS caller = PG_CONTEXT;
      caller := substring(caller FROM E'\\nPL/pgSQL function ([^\\n]*)');
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
`;

/**
 * Erasure reaches the events of *other* profiles that carry an erased identifier (merge
 * protection, or a split, stores an event carrying identifiers of two people on the profile
 * of its highest-priority one): `cdp_forget_identifiers` removes the erased hashes from the
 * `identifiers` of the tenant's events in one partition a call (erasure runs it in short
 * transactions, a partition at a time). The guard lets that UPDATE through only from the
 * function's body and only when `identifiers` is the one column that changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One partition a call (named by the caller from pg_inherits, so a regclass: its text is a
  // quoted identifier): erasure runs each in a short transaction of its own.
  await sql`
    CREATE FUNCTION cdp_forget_identifiers(p_tenant uuid, p_hashes text[], p_partition regclass)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      changed bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_inherits
                     WHERE inhrelid = p_partition AND inhparent = 'cdp_events'::regclass) THEN
        RAISE EXCEPTION '% is not a partition of cdp_events', p_partition;
      END IF;
      EXECUTE format($q$
        UPDATE %s e SET identifiers = coalesce((
            SELECT jsonb_agg(x.i ORDER BY x.n) FROM jsonb_array_elements(e.identifiers)
              WITH ORDINALITY AS x(i, n)
            WHERE NOT (x.i->>'hash' = ANY($2))), '[]'::jsonb)
          WHERE e.tenant_id = $1
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(e.identifiers) AS y(i)
              WHERE y.i->>'hash' = ANY($2))$q$, p_partition)
        USING p_tenant, p_hashes;
      GET DIAGNOSTICS changed = ROW_COUNT;
      RETURN changed;
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
        IF TG_OP = 'UPDATE' AND TG_ARGV[0] = 'cdp_events'
          AND caller LIKE 'cdp\\_forget\\_identifiers(uuid,text[],regclass) line %'
          AND to_jsonb(NEW) - 'identifiers' = to_jsonb(OLD) - 'identifiers'
        THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION '% is append-only', TG_ARGV[0]
        USING ERRCODE = 'P0001',
          HINT = 'Rows are only ever inserted; retention drops whole partitions; erasure deletes through cdp_erase_events and cdp_erase_consents and forgets identifiers through cdp_forget_identifiers; a split moves events through cdp_split_events.';
    END
    $$
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await GUARD_BEFORE.execute(db);
  await sql`DROP FUNCTION cdp_forget_identifiers(uuid, text[], regclass)`.execute(db);
}
