import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

const KINDS_BEFORE = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored', 'segment.entered', 'segment.exited')`;
const KINDS_AFTER = sql`kind IN ('profile.created', 'profile.updated', 'profile.merged',
  'consent.changed', 'event.stored', 'segment.entered', 'segment.exited', 'profile.erased')`;

/**
 * The one path past the append-only triggers of cdp_events and cdp_consents: two functions
 * used only by erasure (privacy requests), and `profile.erased` in the change feed.
 *
 * The triggers still refuse every UPDATE and TRUNCATE, and every DELETE but one issued by
 * the body of cdp_erase_events or cdp_erase_consents: the trigger reads the call stack
 * (PG_CONTEXT) and lets a row go only when the statement deleting it is that function's.
 * Both are SECURITY DEFINER with a fixed search_path: in production the application role
 * can be left without DELETE on either table, and the functions still run as their owner.
 * A role that may create functions could forge one of the same name, but such a role could
 * also drop the trigger: the guard is against mistakes and ordinary roles, not the owner.
 *
 * cdp_erase_events deletes at most `p_limit` events a call, in every partition, and returns
 * their ids (for their dedupe keys): erasure runs it in short transactions and reports its
 * progress between them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION cdp_refuse_mutation_unless_erasing() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      caller text;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        GET DIAGNOSTICS caller = PG_CONTEXT;
        -- The stack's first line is this trigger; the next function line down is the one
        -- whose statement deletes (the statement's own text may span several lines).
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

  await sql`
    CREATE FUNCTION cdp_erase_events(p_tenant uuid, p_profiles uuid[], p_limit integer)
    RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      RETURN QUERY DELETE FROM cdp_events e
        USING (SELECT x.tenant_id, x.event_id, x.occurred_at FROM cdp_events x
               WHERE x.tenant_id = p_tenant AND x.profile_id = ANY(p_profiles)
               LIMIT p_limit) AS doomed
        WHERE e.tenant_id = doomed.tenant_id AND e.event_id = doomed.event_id
          AND e.occurred_at = doomed.occurred_at
        RETURNING e.event_id;
    END
    $$
  `.execute(db);
  await sql`
    CREATE FUNCTION cdp_erase_consents(p_tenant uuid, p_profiles uuid[])
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      deleted bigint;
    BEGIN
      DELETE FROM cdp_consents WHERE tenant_id = p_tenant AND profile_id = ANY(p_profiles);
      GET DIAGNOSTICS deleted = ROW_COUNT;
      RETURN deleted;
    END
    $$
  `.execute(db);

  await replaceGuard(db, 'cdp_refuse_mutation_unless_erasing');
  await replaceKindCheck(db, KINDS_AFTER);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM cdp_changes WHERE kind = 'profile.erased'`.execute(db);
  await replaceKindCheck(db, KINDS_BEFORE);
  await replaceGuard(db, 'cdp_refuse_mutation');
  await sql`DROP FUNCTION cdp_erase_consents(uuid, uuid[])`.execute(db);
  await sql`DROP FUNCTION cdp_erase_events(uuid, uuid[], integer)`.execute(db);
  await sql`DROP FUNCTION cdp_refuse_mutation_unless_erasing()`.execute(db);
}

/** Points the row triggers of cdp_events (and so its partitions) and cdp_consents at `fn`. */
async function replaceGuard(db: Kysely<unknown>, fn: string): Promise<void> {
  for (const table of ['cdp_events', 'cdp_consents']) {
    await sql`DROP TRIGGER ${sql.id(`${table}_append_only`)} ON ${sql.table(table)}`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION ${sql.id(fn)}(${sql.lit(table)})
    `.execute(db);
  }
}

async function replaceKindCheck(db: Kysely<unknown>, kinds: typeof KINDS_AFTER): Promise<void> {
  await db.schema.alterTable('cdp_changes').dropConstraint('cdp_changes_kind_check').execute();
  await db.schema
    .alterTable('cdp_changes')
    .addCheckConstraint('cdp_changes_kind_check', kinds)
    .execute();
}
