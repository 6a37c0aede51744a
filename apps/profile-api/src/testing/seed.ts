// Test data written the way ingestion writes it: identifiers normalized and hashed by
// libs/identity, profiles resolved (created, linked, merged) by the real resolution executor,
// events appended to cdp_events with the profile they resolved to.
import type { ConsentPurpose, ConsentStatus, Db, EventType, IdentifierType } from '@stratum/db';
import { normalizeIdentifier } from '@stratum/identity';
// Tests seed through the real write path; the app itself never imports it (lint checks src).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { resolveBatch } from '@stratum/resolution';

export interface SeedIdentifier {
  type: IdentifierType;
  value: string;
}

export interface SeedEvent {
  eventId: string;
  occurredAt: Date | string;
  identifiers: SeedIdentifier[];
  name?: string;
  type?: EventType;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

/** The SHA-256 hex of a normalized identifier, as stored. */
export function hashOf(identifier: SeedIdentifier): string {
  const result = normalizeIdentifier(identifier);
  if (!result.ok) throw new Error(`hashOf: invalid ${identifier.type} in test data`);
  return result.identifier.hash;
}

/**
 * Resolves and stores a batch of events for a tenant in one transaction, as ingestion does.
 * @returns the (final) profile id of each event, in order
 */
export async function ingestEvents(
  db: Db,
  tenantId: string,
  events: readonly SeedEvent[],
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const hashed = events.map((e) => e.identifiers.map((i) => ({ type: i.type, hash: hashOf(i) })));
    const plan = await resolveBatch(trx, {
      tenantId,
      limits: { external_id: 1 },
      events: events.map((e, index) => ({
        eventId: e.eventId,
        occurredAt: new Date(e.occurredAt),
        identifiers: hashed[index] ?? [],
        traits: e.traits ?? null,
      })),
    });
    const profileIds = plan.assignments.map((a) => a.profileId);
    await trx
      .insertInto('cdp_events')
      .values(
        events.map((e, index) => ({
          tenant_id: tenantId,
          event_id: e.eventId,
          occurred_at: typeof e.occurredAt === 'string' ? e.occurredAt : e.occurredAt.toISOString(),
          received_at: new Date(),
          profile_id: profileIds[index] ?? '',
          type: e.type ?? 'track',
          name: e.name ?? null,
          identifiers: JSON.stringify(hashed[index] ?? []),
          traits: e.traits === undefined ? null : JSON.stringify(e.traits),
          properties: JSON.stringify(e.properties ?? {}),
        })),
      )
      .execute();
    return profileIds;
  });
}

export interface SeedConsent {
  profileId: string;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  occurredAt: Date | string;
  source?: string;
}

/** Appends consent changes, as POST /consents records them. */
export async function recordConsents(
  db: Db,
  tenantId: string,
  consents: readonly SeedConsent[],
): Promise<void> {
  await db
    .insertInto('cdp_consents')
    .values(
      consents.map((c) => ({
        tenant_id: tenantId,
        profile_id: c.profileId,
        purpose: c.purpose,
        status: c.status,
        occurred_at: c.occurredAt,
        source: c.source ?? null,
      })),
    )
    .execute();
}
