import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import type { IdentifierType } from '@stratum/identity';
import { identifierLockKeys } from '../executor/advisory-locks';
import { mergeTraits } from '../planner/merge-traits';
import type { Traits } from '../planner/resolution.types';

export interface SplitMergeInput {
  tenantId: string;
  /** The surviving profile the merge is part of (the merged profile's `merged_into`). */
  profileId: string;
  mergeId: string;
}

export type SplitMergeResult =
  | {
      outcome: 'split';
      profileId: string;
      restoredProfileId: string;
      identifiersMoved: number;
      eventsMoved: number;
    }
  /** No such merge of this profile (another tenant's, already split, or not the profile's). */
  | { outcome: 'not_found' }
  /** A merge recorded before merges kept their identifiers: what to give back is unknown. */
  | { outcome: 'no_identifiers' };

interface MergeRecord {
  merged_profile_id: string;
  event_id: string | null;
  merged_at: Date;
  merged_into: string | null;
}

interface MovedEvent {
  event_id: string;
  occurred_at: Date;
  traits: Traits | null;
}

/**
 * Splits a recorded merge (SPEC §13): the merged-away profile lives again, with the profiles
 * merged into it before, the identifiers it held when it was merged, and the events since
 * the merge that carry only those identifiers; the pair is kept apart from then on (see
 * planResolution). The survivor keeps its traits (values cannot be told apart once merged)
 * and gives back the restored profile's event count.
 *
 * Race-free against ingestion: it takes the advisory locks of the identifiers it moves, in
 * ascending key order, and then the two profiles' row locks, as a resolving batch does; a
 * batch holding any of them finishes first, and one waiting reads the split's result.
 */
export async function splitMerge(db: Db, input: SplitMergeInput): Promise<SplitMergeResult> {
  const { tenantId, profileId, mergeId } = input;
  return db.transaction().execute(async (trx) => {
    const merge = await readMerge(trx, tenantId, mergeId);
    if (merge === undefined || merge.merged_into !== profileId) return { outcome: 'not_found' };
    const restoredId = merge.merged_profile_id;
    const identifiers = await trx
      .selectFrom('cdp_profile_merge_identifiers')
      .select(['identifier_type as type', 'identifier_hash as hash'])
      .where('tenant_id', '=', tenantId)
      .where('merged_profile_id', '=', restoredId)
      .execute();
    if (identifiers.length === 0) return { outcome: 'no_identifiers' };

    await lockIdentifiers(trx, tenantId, identifiers);
    const profiles = await sql<{ profile_id: string }>`SELECT profile_id FROM cdp_profiles
      WHERE tenant_id = ${tenantId} AND profile_id IN (${profileId}, ${restoredId})
      ORDER BY profile_id FOR UPDATE`.execute(trx);
    // Read again under the locks: a split or merge that committed meanwhile shows here.
    const locked = await readMerge(trx, tenantId, mergeId);
    if (profiles.rows.length !== 2 || locked?.merged_into !== profileId) {
      return { outcome: 'not_found' };
    }

    await restoreSubtree(trx, tenantId, restoredId);
    const moved = await trx
      .updateTable('cdp_profile_identifiers')
      .set({ profile_id: restoredId })
      .where('tenant_id', '=', tenantId)
      .where('profile_id', '=', profileId)
      .where((eb) =>
        eb(
          eb.refTuple('identifier_type', 'identifier_hash'),
          'in',
          identifiers.map((i) => eb.tuple(i.type, i.hash)),
        ),
      )
      .executeTakeFirst();
    const events = await moveEvents(trx, tenantId, profileId, restoredId, identifiers, merge);
    await settleCounts(trx, tenantId, profileId, restoredId, events);
    await trx
      .deleteFrom('cdp_profile_merges')
      .where('tenant_id', '=', tenantId)
      .where('merge_id', '=', mergeId)
      .execute();
    const identifiersMoved = Number(moved.numUpdatedRows);
    await trx
      .insertInto('cdp_profile_splits')
      .values({
        tenant_id: tenantId,
        merge_id: mergeId,
        profile_id: profileId,
        restored_profile_id: restoredId,
        merged_at: merge.merged_at,
        merge_event_id: merge.event_id,
        identifiers_moved: identifiersMoved,
        events_moved: events.length,
      })
      .execute();
    await trx
      .insertInto('cdp_changes')
      .values({
        tenant_id: tenantId,
        kind: 'profile.split',
        profile_id: profileId,
        data: JSON.stringify({ restored_profile_id: restoredId, merge_id: mergeId }),
      })
      .execute();
    return {
      outcome: 'split',
      profileId,
      restoredProfileId: restoredId,
      identifiersMoved,
      eventsMoved: events.length,
    };
  });
}

function readMerge(trx: Db, tenantId: string, mergeId: string): Promise<MergeRecord | undefined> {
  return trx
    .selectFrom('cdp_profile_merges as m')
    .innerJoin('cdp_profiles as p', (join) =>
      join
        .onRef('p.tenant_id', '=', 'm.tenant_id')
        .onRef('p.profile_id', '=', 'm.merged_profile_id'),
    )
    .select(['m.merged_profile_id', 'm.event_id', 'm.merged_at', 'p.merged_into'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.merge_id', '=', mergeId)
    .executeTakeFirst();
}

async function lockIdentifiers(
  trx: Db,
  tenantId: string,
  identifiers: readonly { type: IdentifierType; hash: string }[],
): Promise<void> {
  const keys = identifierLockKeys(tenantId, identifiers);
  await sql`SELECT count(pg_advisory_xact_lock(k))
    FROM unnest(${keys.map(String)}::bigint[]) AS k`.execute(trx);
}

/**
 * The restored profile is live again, and the profiles merged into it before (at any depth:
 * their merges are still recorded) point at it again instead of at the survivor.
 */
async function restoreSubtree(trx: Db, tenantId: string, restoredId: string): Promise<void> {
  await sql`WITH RECURSIVE below AS (
      SELECT merged_profile_id FROM cdp_profile_merges
      WHERE tenant_id = ${tenantId} AND into_profile_id = ${restoredId}
      UNION
      SELECT m.merged_profile_id FROM cdp_profile_merges m
      JOIN below ON m.into_profile_id = below.merged_profile_id
      WHERE m.tenant_id = ${tenantId}
    )
    UPDATE cdp_profiles SET merged_into = ${restoredId}, updated_at = now()
    WHERE tenant_id = ${tenantId} AND profile_id IN (SELECT merged_profile_id FROM below)`.execute(
    trx,
  );
  await trx
    .updateTable('cdp_profiles')
    .set({ merged_into: null, merged_at: null, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', restoredId)
    .execute();
}

/**
 * Moves to the restored profile the events the survivor's side received since the merge
 * that carry only its identifiers, through cdp_split_events (the one UPDATE the append-only
 * trigger allows), and their dedupe keys, so a retry answers the profile it now belongs to.
 */
async function moveEvents(
  trx: Db,
  tenantId: string,
  profileId: string,
  restoredId: string,
  identifiers: readonly { type: IdentifierType; hash: string }[],
  merge: MergeRecord,
): Promise<MovedEvent[]> {
  const scope = await trx
    .selectFrom('cdp_profiles')
    .select('profile_id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('profile_id', '=', profileId), eb('merged_into', '=', profileId)]))
    .execute();
  const { rows } = await sql<MovedEvent>`SELECT * FROM cdp_split_events(
      ${tenantId}::uuid, ${scope.map((r) => r.profile_id)}::uuid[], ${restoredId}::uuid,
      ${identifiers.map((i) => i.type)}::text[], ${identifiers.map((i) => i.hash)}::text[],
      ${merge.merged_at}::timestamptz)`.execute(trx);
  if (rows.length > 0) {
    await trx
      .updateTable('cdp_event_dedupe')
      .set({ profile_id: restoredId })
      .where('tenant_id', '=', tenantId)
      .where(
        'event_id',
        'in',
        rows.map((r) => r.event_id),
      )
      .execute();
  }
  return rows;
}

/**
 * The restored profile counts the events moved to it and takes their traits (a later one
 * wins, as in resolution); the survivor gives back what the merge added to its count.
 */
async function settleCounts(
  trx: Db,
  tenantId: string,
  profileId: string,
  restoredId: string,
  events: readonly MovedEvent[],
): Promise<void> {
  const restored = await trx
    .selectFrom('cdp_profiles')
    .select(['event_count', 'first_seen_at', 'last_seen_at', 'traits', 'trait_timestamps'])
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', restoredId)
    .executeTakeFirstOrThrow();
  const traits = { ...restored.traits };
  const timestamps = { ...restored.trait_timestamps };
  let first = restored.first_seen_at;
  let last = restored.last_seen_at;
  for (const event of [...events].sort(
    (a, b) => a.occurred_at.getTime() - b.occurred_at.getTime(),
  )) {
    if (event.traits)
      mergeTraits(traits, timestamps, event.traits, event.occurred_at.toISOString());
    if (event.occurred_at < first) first = event.occurred_at;
    if (event.occurred_at > last) last = event.occurred_at;
  }
  const count = Number(restored.event_count);
  await trx
    .updateTable('cdp_profiles')
    .set({
      event_count: count + events.length,
      first_seen_at: first,
      last_seen_at: last,
      traits: JSON.stringify(traits),
      trait_timestamps: JSON.stringify(timestamps),
    })
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', restoredId)
    .execute();
  await trx
    .updateTable('cdp_profiles')
    .set((eb) => ({
      event_count: sql`greatest(${eb.ref('event_count')} - ${count + events.length}, 0)`,
      updated_at: sql`now()`,
    }))
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId)
    .execute();
}
