import { createHash } from 'node:crypto';
import type { Db } from '@stratum/db';
import { resolveBatch } from '../executor/resolve-batch';
import type {
  HashedIdentifier,
  ResolutionEvent,
  ResolutionPlan,
} from '../planner/resolution.types';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');
export const email = (v: string): HashedIdentifier => ({ type: 'email', hash: sha(v) });
export const phone = (v: string): HashedIdentifier => ({ type: 'phone', hash: sha(v) });
export const device = (v: string): HashedIdentifier => ({ type: 'device_id', hash: sha(v) });

let sequence = 0;

/**
 * Resolves one batch and stores its events as ingestion does (same transaction), so a split
 * has events to move. Events get fresh ids; traits are optional.
 */
export async function ingest(
  db: Db,
  tenantId: string,
  batch: readonly { identifiers: HashedIdentifier[]; traits?: Record<string, unknown> }[],
): Promise<ResolutionPlan> {
  const events: ResolutionEvent[] = batch.map((e) => ({
    eventId: `split-${process.pid}-${++sequence}`,
    occurredAt: new Date(),
    identifiers: e.identifiers,
    traits: e.traits ?? null,
  }));
  return db.transaction().execute(async (trx) => {
    const plan = await resolveBatch(trx, { tenantId, events, limits: {} });
    await trx
      .insertInto('cdp_events')
      .values(
        events.map((e, i) => ({
          tenant_id: tenantId,
          event_id: e.eventId!,
          occurred_at: e.occurredAt,
          received_at: new Date(),
          profile_id: plan.assignments[i]!.profileId,
          type: 'identify' as const,
          identifiers: JSON.stringify(e.identifiers.map(({ type, hash }) => ({ type, hash }))),
          traits: e.traits ? JSON.stringify(e.traits) : null,
        })),
      )
      .execute();
    await trx
      .insertInto('cdp_event_dedupe')
      .values(
        events.map((e, i) => ({
          tenant_id: tenantId,
          event_id: e.eventId!,
          received_at: new Date(),
          profile_id: plan.assignments[i]!.profileId,
          occurred_at: e.occurredAt,
        })),
      )
      .execute();
    return plan;
  });
}

/** The merge id of a merged profile, as the profile API lists it. */
export async function mergeIdOf(db: Db, tenantId: string, mergedProfileId: string) {
  const row = await db
    .selectFrom('cdp_profile_merges')
    .select('merge_id')
    .where('tenant_id', '=', tenantId)
    .where('merged_profile_id', '=', mergedProfileId)
    .executeTakeFirstOrThrow();
  return row.merge_id;
}

/** The profile an identifier is linked to. */
export async function ownerOf(db: Db, tenantId: string, identifier: HashedIdentifier) {
  const row = await db
    .selectFrom('cdp_profile_identifiers')
    .select('profile_id')
    .where('tenant_id', '=', tenantId)
    .where('identifier_type', '=', identifier.type)
    .where('identifier_hash', '=', identifier.hash)
    .executeTakeFirst();
  return row?.profile_id;
}
