// Fixtures for tests of privacy requests (`@stratum/privacy/testing`): events written the
// way ingestion writes them, identifiers hashed by the identity library.
import { randomUUID } from 'node:crypto';
import type { Db, IdentifierType, JsonObject } from '@stratum/db';
import { normalizeIdentifier } from '@stratum/identity';
import type { NormalizedIdentifier } from '@stratum/identity';
import { resolveBatch } from '@stratum/resolution';

/** One event to store: its identifiers in clear (hashed here, as ingestion does). */
export interface SeedEvent {
  identifiers: { type: IdentifierType; value: string }[];
  occurredAt?: Date;
  name?: string;
  eventId?: string;
  traits?: JsonObject;
  properties?: JsonObject;
}

/** The hashed identifier ingestion would store for a raw value; throws on an invalid one. */
export function hashed(type: IdentifierType, value: string): NormalizedIdentifier {
  const result = normalizeIdentifier({ type, value });
  if (!result.ok) throw new Error(`invalid ${type}: ${result.error.message}`);
  return result.identifier;
}

/**
 * Resolves and stores a batch of track events in one transaction with their dedupe keys, as
 * the ingest path does (profiles created, linked and merged; the change feed written).
 * @returns each event's profile id
 */
export async function seedEvents(
  db: Db,
  tenantId: string,
  events: readonly SeedEvent[],
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const resolved = events.map((e) => ({
      eventId: e.eventId ?? randomUUID(),
      occurredAt: e.occurredAt ?? new Date(),
      identifiers: e.identifiers.map((i) => hashed(i.type, i.value)),
      traits: e.traits ?? null,
    }));
    const plan = await resolveBatch(trx, {
      tenantId,
      limits: { external_id: 1 },
      events: resolved,
    });
    const profileIds = plan.assignments.map((a) => a.profileId);
    await trx
      .insertInto('cdp_event_dedupe')
      .values(
        resolved.map((r) => ({
          tenant_id: tenantId,
          event_id: r.eventId,
          received_at: r.occurredAt,
          occurred_at: r.occurredAt,
        })),
      )
      .execute();
    await trx
      .insertInto('cdp_events')
      .values(
        events.map((e, index) => ({
          tenant_id: tenantId,
          event_id: resolved[index]!.eventId,
          occurred_at: resolved[index]!.occurredAt,
          received_at: resolved[index]!.occurredAt,
          profile_id: profileIds[index]!,
          type: 'track' as const,
          name: e.name ?? 'Order Completed',
          identifiers: JSON.stringify(resolved[index]!.identifiers),
          traits: e.traits === undefined ? null : JSON.stringify(e.traits),
          properties: JSON.stringify(e.properties ?? {}),
        })),
      )
      .execute();
    return profileIds;
  });
}
