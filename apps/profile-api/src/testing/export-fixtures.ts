// Profiles with fixed ids and times for the export tests, written straight into the tables
// so that an export's exact text can be written down in the test.
import type { Db, EventType, IdentifierType } from '@stratum/db';
import { sql } from 'kysely';
import { hashOf } from './seed';

export interface FixtureProfile {
  id: string;
  /** created_at, updated_at, first_seen_at and last_seen_at (plus a day for last seen). */
  at: string;
  traits?: Record<string, unknown>;
  identifiers?: { type: IdentifierType; value: string; at?: string }[];
  eventCount?: number;
  /** Makes it a merged-away profile of this survivor. */
  mergedInto?: string;
}

const DAY_MS = 86_400_000;

/** The instant a day after an ISO instant, as toISOString writes it. */
function dayAfter(iso: string): string {
  return new Date(Date.parse(iso) + DAY_MS).toISOString();
}

/** Inserts profiles and their identifiers as given (survivors before the merged ones). */
export async function insertProfiles(
  db: Db,
  tenantId: string,
  profiles: readonly FixtureProfile[],
): Promise<void> {
  for (const p of profiles) {
    await db
      .insertInto('cdp_profiles')
      .values({
        tenant_id: tenantId,
        profile_id: p.id,
        traits: JSON.stringify(p.traits ?? {}),
        first_seen_at: p.at,
        last_seen_at: dayAfter(p.at),
        event_count: p.eventCount ?? 0,
        merged_into: p.mergedInto ?? null,
        merged_at: p.mergedInto === undefined ? null : p.at,
        created_at: p.at,
        updated_at: p.at,
      })
      .execute();
    for (const identifier of p.identifiers ?? []) {
      await db
        .insertInto('cdp_profile_identifiers')
        .values({
          tenant_id: tenantId,
          identifier_type: identifier.type,
          identifier_hash: hashOf(identifier),
          profile_id: p.id,
          first_seen_at: identifier.at ?? p.at,
          last_seen_at: identifier.at ?? p.at,
        })
        .execute();
    }
  }
}

const BULK_CHUNK = 50_000;

/**
 * Inserts `count` profiles of one tenant with INSERT … SELECT over generate_series, ids in
 * ascending order from `00000000-0000-4000-8000-000000000001`, each with a trait of about
 * `traitBytes` bytes (and no identifiers: they would triple the load time).
 */
export async function insertManyProfiles(
  db: Db,
  tenantId: string,
  count: number,
  traitBytes = 200,
): Promise<void> {
  // In chunks, each well within the test pool's statement timeout on a busy machine.
  for (let from = 1; from <= count; from += BULK_CHUNK) {
    const to = Math.min(count, from + BULK_CHUNK - 1);
    await sql`
      INSERT INTO cdp_profiles (tenant_id, profile_id, traits, first_seen_at, last_seen_at)
      SELECT ${tenantId}, ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
             jsonb_build_object('plan', 'pro', 'note', repeat('x', ${traitBytes})),
             '2026-01-01T00:00:00Z'::timestamptz, '2026-01-02T00:00:00Z'::timestamptz
      FROM generate_series(${from}::int, ${to}::int) AS i
    `.execute(db);
  }
  await sql`ANALYZE cdp_profiles`.execute(db);
}

export interface FixtureEvent {
  id: string;
  at: string;
  profileId: string;
  type?: EventType;
  name?: string | null;
  receivedAt?: string;
  sourceId?: string | null;
  identifiers?: { type: IdentifierType; value: string }[];
  traits?: Record<string, unknown> | null;
  properties?: Record<string, unknown>;
}

/** Inserts events as given, identifiers hashed as ingestion hashes them. */
export async function insertEvents(
  db: Db,
  tenantId: string,
  events: readonly FixtureEvent[],
): Promise<void> {
  await db
    .insertInto('cdp_events')
    .values(
      events.map((e) => ({
        tenant_id: tenantId,
        event_id: e.id,
        occurred_at: e.at,
        received_at: e.receivedAt ?? '2026-04-03T00:00:00.000Z',
        source_id: e.sourceId ?? null,
        profile_id: e.profileId,
        type: e.type ?? 'track',
        name: e.name === undefined ? null : e.name,
        identifiers: JSON.stringify(
          (e.identifiers ?? []).map((i) => ({ type: i.type, hash: hashOf(i) })),
        ),
        traits: e.traits == null ? null : JSON.stringify(e.traits),
        properties: JSON.stringify(e.properties ?? {}),
      })),
    )
    .execute();
}
