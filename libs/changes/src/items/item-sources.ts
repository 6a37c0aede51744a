import { sql } from 'kysely';
import type { Db, EventRow } from '@stratum/db';

/** A stored event, keyed by its id and time (its partition). */
export type StoredEvent = Pick<
  EventRow,
  | 'event_id'
  | 'occurred_at'
  | 'received_at'
  | 'source_id'
  | 'profile_id'
  | 'type'
  | 'name'
  | 'identifiers'
  | 'traits'
  | 'properties'
  | 'context'
>;

/** The stored events of a tenant, by id (each looked up with its time, for its partition). */
export async function storedEvents(
  db: Db,
  tenantId: string,
  keys: readonly { eventId: string; occurredAt: string }[],
): Promise<Map<string, StoredEvent>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<StoredEvent>`
    SELECT e.event_id, e.occurred_at, e.received_at, e.source_id, e.profile_id, e.type, e.name,
      e.identifiers, e.traits, e.properties, e.context
    FROM unnest(${keys.map((k) => k.eventId)}::text[], ${keys.map((k) => k.occurredAt)}::timestamptz[])
      AS k(event_id, occurred_at)
    JOIN cdp_events e
      ON e.tenant_id = ${tenantId} AND e.event_id = k.event_id AND e.occurred_at = k.occurred_at`.execute(
    db,
  );
  return new Map(rows.map((row) => [row.event_id, row]));
}

/** The current traits of a tenant's profiles, by profile id. */
export async function profileTraits(
  db: Db,
  tenantId: string,
  profileIds: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (profileIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cdp_profiles')
    .select(['profile_id', 'traits'])
    .where('tenant_id', '=', tenantId)
    .where('profile_id', 'in', [...new Set(profileIds)])
    .execute();
  return new Map(rows.map((row) => [row.profile_id, row.traits]));
}
