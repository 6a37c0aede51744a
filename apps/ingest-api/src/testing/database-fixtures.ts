import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { sha256Hex } from '@stratum/identity';

/** What a suppress request leaves behind (the admin API's tests drive the request itself). */
export async function suppressEmail(db: Db, tenantId: string, normalized: string): Promise<void> {
  await db
    .insertInto('cdp_suppressions')
    .values({
      tenant_id: tenantId,
      identifier_type: 'email',
      identifier_hash: sha256Hex(normalized),
    })
    .execute();
}

/**
 * Makes this test database refuse an event whose properties hold `refuse`, the way
 * PostgreSQL refuses a value: a data exception (class 22) whose message and detail quote it.
 * Validation refuses everything known that PostgreSQL would, so this stands for whatever it
 * may still refuse.
 */
export async function refuseMarkedEvents(db: Db): Promise<void> {
  await sql`
    CREATE FUNCTION refuse_marked_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.properties ? 'refuse' THEN
        RAISE EXCEPTION 'cannot store %', NEW.properties->>'refuse'
          USING ERRCODE = '22023', DETAIL = NEW.properties->>'refuse';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER refuse_marked_event BEFORE INSERT ON cdp_events
    FOR EACH ROW EXECUTE FUNCTION refuse_marked_event()`.execute(db);
}
