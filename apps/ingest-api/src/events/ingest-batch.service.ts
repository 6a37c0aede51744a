import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import { resolveBatch } from '@stratum/resolution';
import type { ResolutionOutcome } from '@stratum/resolution';
import type { TenantSettings } from '../tenants/tenant-settings';
import { withTransactionRetry } from './transaction-retry';
import { claimDedupeKeys, findDuplicateProfiles, insertEvents } from './event.repository';
import type { NormalizedEvent } from './normalized-event';

export type IngestResult =
  | {
      index: number;
      status: 'accepted';
      profileId: string;
      outcome: ResolutionOutcome;
      warnings: NormalizedEvent['warnings'];
    }
  | { index: number; status: 'duplicate'; profileId: string | null };

export interface IngestContext {
  tenantId: string;
  sourceId: string | null;
  settings: TenantSettings;
  receivedAt: Date;
}

/**
 * Stores a batch of valid events in one transaction: claim dedupe keys, resolve the new
 * events to profiles in bulk, append them. Nothing is written unless everything is.
 */
export async function ingestBatch(
  db: Kysely<Database>,
  context: IngestContext,
  events: readonly NormalizedEvent[],
): Promise<IngestResult[]> {
  const { tenantId, settings, receivedAt } = context;
  const firstOf = new Map<string, NormalizedEvent>();
  for (const event of events) if (!firstOf.has(event.eventId)) firstOf.set(event.eventId, event);
  const unique = [...firstOf.values()];
  const windowStart = new Date(receivedAt.getTime() - settings.dedupeWindowDays * 86_400_000);

  const stored = await withTransactionRetry(() =>
    db.transaction().execute(async (trx) => {
      const claimed = await claimDedupeKeys(trx, tenantId, unique, receivedAt, windowStart);
      const fresh = unique.filter((e) => claimed.has(e.eventId));
      const plan = await resolveBatch(trx, {
        tenantId,
        limits: settings.identifierLimits,
        events: fresh.map((e) => ({
          eventId: e.eventId,
          occurredAt: e.occurredAt,
          identifiers: e.identifiers,
          traits: e.traits,
        })),
      });
      const rows = fresh.map((event, i) => ({ event, profileId: plan.assignments[i]!.profileId }));
      await insertEvents(trx, tenantId, context.sourceId, receivedAt, rows);
      const duplicates = unique.filter((e) => !claimed.has(e.eventId)).map((e) => e.eventId);
      const duplicateProfiles = await findDuplicateProfiles(trx, tenantId, duplicates);
      return { fresh, assignments: plan.assignments, duplicateProfiles };
    }),
  );

  const accepted = new Map(stored.fresh.map((e, i) => [e, stored.assignments[i]!]));
  const profileOf = new Map<string, string | null>();
  for (const [event, assignment] of accepted) profileOf.set(event.eventId, assignment.profileId);
  for (const [eventId, profileId] of stored.duplicateProfiles) profileOf.set(eventId, profileId);

  return events.map((event): IngestResult => {
    const assignment = firstOf.get(event.eventId) === event ? accepted.get(event) : undefined;
    if (assignment) {
      return {
        index: event.index,
        status: 'accepted',
        profileId: assignment.profileId,
        outcome: assignment.outcome,
        warnings: [...event.warnings, ...assignment.warnings],
      };
    }
    return {
      index: event.index,
      status: 'duplicate',
      profileId: profileOf.get(event.eventId) ?? null,
    };
  });
}
