// A small world of profiles written straight into the tables, with exact times, so that each
// definition's expected members can be read off the fixture.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ConsentPurpose, ConsentStatus, Db, IdentifierType, JsonObject } from '@stratum/db';

/** The instant every test evaluates at. */
export const NOW = new Date('2026-06-15T12:00:00.000Z');

/** `NOW` minus `days` days (fractions allowed). */
export function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
}

interface WorldEvent {
  name: string;
  at: Date;
  properties?: JsonObject;
}

interface WorldConsent {
  purpose: ConsentPurpose;
  status: ConsentStatus;
  at: Date;
}

export interface WorldProfile {
  traits?: JsonObject;
  firstSeen: Date;
  lastSeen: Date;
  identifiers?: IdentifierType[];
  events?: WorldEvent[];
  consents?: WorldConsent[];
  /** The name of the profile this one was merged into. */
  mergedInto?: string;
}

/** Inserts the profiles (survivors first) of one tenant; returns each name's profile id. */
export async function buildWorld(
  db: Db,
  tenantId: string,
  profiles: Record<string, WorldProfile>,
): Promise<Record<string, string>> {
  const ids = Object.fromEntries(Object.keys(profiles).map((name) => [name, randomUUID()]));
  const entries = Object.entries(profiles).sort(
    ([, a], [, b]) => Number(a.mergedInto !== undefined) - Number(b.mergedInto !== undefined),
  );
  for (const [name, profile] of entries) {
    const profileId = ids[name]!;
    const into = profile.mergedInto === undefined ? null : ids[profile.mergedInto]!;
    await db
      .insertInto('cdp_profiles')
      .values({
        tenant_id: tenantId,
        profile_id: profileId,
        traits: profile.traits ?? {},
        first_seen_at: profile.firstSeen,
        last_seen_at: profile.lastSeen,
        merged_into: into,
        merged_at: into === null ? null : profile.lastSeen,
      })
      .execute();
    if (into !== null) {
      await db
        .insertInto('cdp_profile_merges')
        .values({ tenant_id: tenantId, merged_profile_id: profileId, into_profile_id: into })
        .execute();
    }
    for (const type of profile.identifiers ?? []) {
      await db
        .insertInto('cdp_profile_identifiers')
        .values({
          tenant_id: tenantId,
          identifier_type: type,
          identifier_hash: randomBytes(32).toString('hex'),
          profile_id: profileId,
          first_seen_at: profile.firstSeen,
          last_seen_at: profile.lastSeen,
        })
        .execute();
    }
    if ((profile.events ?? []).length > 0) {
      await db
        .insertInto('cdp_events')
        .values(
          (profile.events ?? []).map((event) => ({
            tenant_id: tenantId,
            event_id: randomUUID(),
            occurred_at: event.at,
            received_at: event.at,
            profile_id: profileId,
            type: 'track' as const,
            name: event.name,
            identifiers: '[]',
            properties: JSON.stringify(event.properties ?? {}),
          })),
        )
        .execute();
    }
    for (const consent of profile.consents ?? []) {
      await db
        .insertInto('cdp_consents')
        .values({
          tenant_id: tenantId,
          profile_id: profileId,
          purpose: consent.purpose,
          status: consent.status,
          occurred_at: consent.at,
        })
        .execute();
    }
  }
  return ids;
}
