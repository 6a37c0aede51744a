// Fixtures for tests that need profiles written the way ingestion writes them, change feed
// included (`@stratum/segments/testing`).
import { createHash, randomUUID } from 'node:crypto';
import { insertConsents } from '@stratum/db';
import type { ConsentPurpose, ConsentStatus, Db, IdentifierType, JsonObject } from '@stratum/db';
import { resolveBatch } from '@stratum/resolution';

/** One event to ingest: its identifiers in clear (hashed here), a name, traits, properties. */
export interface IngestedEvent {
  identifiers: { type: IdentifierType; value: string }[];
  occurredAt: Date;
  name?: string;
  traits?: JsonObject;
  properties?: JsonObject;
}

/** A stand-in for the identity library's hash: lower-case SHA-256 hex, as the table wants. */
function hashOf(type: IdentifierType, value: string): string {
  return createHash('sha256').update(`${type}:${value}`).digest('hex');
}

/**
 * Resolves and stores a batch of track events in one transaction, as the ingest path does:
 * profiles created, linked and merged by resolution, which also writes the change feed.
 * @returns each event's profile id
 */
export async function ingestEvents(
  db: Db,
  tenantId: string,
  events: readonly IngestedEvent[],
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const resolved = events.map((e) => ({
      eventId: randomUUID(),
      occurredAt: e.occurredAt,
      identifiers: e.identifiers.map((i) => ({ type: i.type, hash: hashOf(i.type, i.value) })),
      traits: e.traits ?? null,
    }));
    const plan = await resolveBatch(trx, {
      tenantId,
      limits: { external_id: 1 },
      events: resolved,
    });
    const profileIds = plan.assignments.map((a) => a.profileId);
    await trx
      .insertInto('cdp_events')
      .values(
        events.map((e, index) => ({
          tenant_id: tenantId,
          event_id: resolved[index]!.eventId,
          occurred_at: e.occurredAt,
          received_at: e.occurredAt,
          profile_id: profileIds[index]!,
          type: 'track' as const,
          name: e.name ?? null,
          identifiers: JSON.stringify(resolved[index]!.identifiers),
          traits: e.traits === undefined ? null : JSON.stringify(e.traits),
          properties: JSON.stringify(e.properties ?? {}),
        })),
      )
      .execute();
    return profileIds;
  });
}

/** Records one consent decision for a profile, as POST /consents does (feed included). */
export async function recordConsent(
  db: Db,
  tenantId: string,
  profileId: string,
  consent: { purpose: ConsentPurpose; status: ConsentStatus; occurredAt: Date },
): Promise<void> {
  await db.transaction().execute((trx) =>
    insertConsents(trx, {
      tenantId,
      profileId,
      consents: [consent],
      source: 'test',
      sourceId: null,
    }),
  );
}
