import { createHash, randomUUID } from 'node:crypto';
import type { Db, IdentifierType, JsonObject } from '@stratum/db';
import { resolveBatch } from '@stratum/resolution';

/** One event of a source, its identifiers in clear (hashed here), received at `at`. */
export interface SourceEvent {
  identifiers: { type: IdentifierType; value: string }[];
  at: Date;
  context?: JsonObject;
  properties?: JsonObject;
}

/**
 * Resolves and stores a source's track events in one transaction, as the ingest path does
 * (profiles by resolution), with the source, context and receipt time the quality task reads.
 */
export async function ingestSourceEvents(
  db: Db,
  input: { tenantId: string; sourceId: string; events: readonly SourceEvent[] },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const resolved = input.events.map((e) => ({
      eventId: randomUUID(),
      occurredAt: e.at,
      identifiers: e.identifiers.map((i) => ({
        type: i.type,
        hash: createHash('sha256').update(`${i.type}:${i.value}`).digest('hex'),
      })),
      traits: null,
    }));
    const plan = await resolveBatch(trx, {
      tenantId: input.tenantId,
      limits: { external_id: 1 },
      events: resolved,
    });
    await trx
      .insertInto('cdp_events')
      .values(
        input.events.map((e, index) => ({
          tenant_id: input.tenantId,
          event_id: resolved[index]!.eventId,
          occurred_at: e.at,
          received_at: e.at,
          source_id: input.sourceId,
          profile_id: plan.assignments[index]!.profileId,
          type: 'track' as const,
          name: 'Page Viewed',
          identifiers: JSON.stringify(resolved[index]!.identifiers),
          properties: JSON.stringify(e.properties ?? {}),
          context: JSON.stringify(e.context ?? {}),
        })),
      )
      .execute();
  });
}
