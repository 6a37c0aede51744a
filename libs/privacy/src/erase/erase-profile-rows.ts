import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import type { NormalizedIdentifier } from '@stratum/identity';

/** What the last step deleted, by table. */
export interface ErasedRows {
  consents: number;
  dedupe_keys: number;
  segment_memberships: number;
  segment_log: number;
  changes: number;
  deliveries: number;
  rejected_events: number;
  inbox_events: number;
  merges: number;
  splits: number;
  refused_merges: number;
  profiles: number;
  access_documents: number;
}

const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);

/**
 * Deletes what remains of the profiles once their identifiers and events are gone, in the
 * caller's transaction `trx`, and records `profile.erased` for each: consents (through
 * cdp_erase_consents), dedupe keys naming them, segment memberships and their log (the
 * log's delete is allowed while `cdp.erasing` is on), change-feed entries about them (and
 * their events out of `event.stored` changes), webhook deliveries about them or holding one
 * of `hashes`, rejected events whose payload holds one of `hashes`, events waiting in the
 * inbox that carry one, merges (with the identifiers they recorded), splits and refused
 * merges, the profiles, and access documents that name one of `hashes`, whose requests then
 * keep the types only.
 */
export async function eraseProfileRows(
  trx: Db,
  tenantId: string,
  requestId: string,
  profileIds: readonly string[],
  hashes: readonly NormalizedIdentifier[],
): Promise<ErasedRows> {
  const ids = [...profileIds];
  const hashList = [...new Set(hashes.map((h) => h.hash))];
  await sql`SET LOCAL cdp.erasing = 'on'`.execute(trx);
  const consents = await sql<{ n: string }>`
      SELECT cdp_erase_consents(${tenantId}::uuid, ${ids}::uuid[]) AS n`.execute(trx);
  const dedupe = await sql`DELETE FROM cdp_event_dedupe
      WHERE tenant_id = ${tenantId} AND profile_id = ANY(${ids}::uuid[])`.execute(trx);
  const members = await sql`DELETE FROM cdp_segment_members
      WHERE tenant_id = ${tenantId} AND profile_id = ANY(${ids}::uuid[])`.execute(trx);
  const log = await sql`DELETE FROM cdp_segment_membership_log
      WHERE tenant_id = ${tenantId} AND profile_id = ANY(${ids}::uuid[])`.execute(trx);
  const changes = await eraseChanges(trx, tenantId, ids);
  // Deliveries about the profiles, and those of other profiles' events whose body holds one
  // of the hashes (an event merge protection stored on another profile): the exact bodies
  // sent are kept for replays, and they are text, so match it.
  const deliveries = await sql`DELETE FROM cdp_deliveries
      WHERE tenant_id = ${tenantId}
        AND (profile_id = ANY(${ids}::uuid[])
          OR body LIKE ANY(${hashList.map((h) => `%${h}%`)}::text[]))`.execute(trx);
  // A rejected event's payload holds hashes only, wherever the producer put them: match
  // the text (the log is kept 7 days, so this reads a week of the tenant's rejections).
  const rejected = await sql`DELETE FROM cdp_rejected_events
      WHERE tenant_id = ${tenantId}
        AND payload::text LIKE ANY(${hashList.map((h) => `%${h}%`)}::text[])`.execute(trx);
  // Events accepted (202) and not resolved yet: their identifiers are hashes in text.
  const inbox = await sql`DELETE FROM cdp_inbox
      WHERE tenant_id = ${tenantId}
        AND resolution LIKE ANY(${hashList.map((h) => `%${h}%`)}::text[])`.execute(trx);
  const merges = await sql`DELETE FROM cdp_profile_merges
      WHERE tenant_id = ${tenantId}
        AND (merged_profile_id = ANY(${ids}::uuid[]) OR into_profile_id = ANY(${ids}::uuid[]))`.execute(
    trx,
  );
  const splits = await sql`DELETE FROM cdp_profile_splits
      WHERE tenant_id = ${tenantId}
        AND (profile_id = ANY(${ids}::uuid[]) OR restored_profile_id = ANY(${ids}::uuid[]))`.execute(
    trx,
  );
  const refused = await sql`DELETE FROM cdp_refused_merges
      WHERE tenant_id = ${tenantId}
        AND (profile_a_id = ANY(${ids}::uuid[]) OR profile_b_id = ANY(${ids}::uuid[]))`.execute(
    trx,
  );
  const profiles = await sql`DELETE FROM cdp_profiles
      WHERE tenant_id = ${tenantId} AND profile_id = ANY(${ids}::uuid[])`.execute(trx);
  const documents = await forgetHashesInRequests(trx, tenantId, hashList);
  if (ids.length > 0) {
    await trx
      .insertInto('cdp_changes')
      .values(
        ids.map((profileId) => ({
          tenant_id: tenantId,
          kind: 'profile.erased' as const,
          profile_id: profileId,
          data: JSON.stringify({ request_id: requestId }),
        })),
      )
      .execute();
  }
  return {
    consents: Number(consents.rows[0]?.n ?? 0),
    dedupe_keys: count(dedupe),
    segment_memberships: count(members),
    segment_log: count(log),
    changes,
    deliveries: count(deliveries),
    rejected_events: count(rejected),
    inbox_events: count(inbox),
    merges: count(merges),
    splits: count(splits),
    refused_merges: count(refused),
    profiles: count(profiles),
    access_documents: documents,
  };
}

/**
 * Deletes the feed's changes about the profiles (a refused merge's from either side), and
 * takes their events out of the
 * `event.stored` changes (whose `profile_id` is null: a batch may hold several profiles'
 * events), deleting those left with none. A change already read by a consumer is gone with
 * the rest; one not read yet is never delivered.
 */
async function eraseChanges(trx: Db, tenantId: string, ids: string[]): Promise<number> {
  const about = await sql`DELETE FROM cdp_changes
    WHERE tenant_id = ${tenantId} AND profile_id = ANY(${ids}::uuid[])`.execute(trx);
  // A refused merge is recorded on the profile the event went to: the other may be erased.
  const refused = await sql`DELETE FROM cdp_changes
    WHERE tenant_id = ${tenantId} AND kind = 'profile.merge_refused'
      AND data->>'other_profile_id' = ANY(${ids}::text[])`.execute(trx);
  const edited = await sql`UPDATE cdp_changes c SET data = jsonb_set(c.data, '{events}', coalesce((
        SELECT jsonb_agg(e) FROM jsonb_array_elements(c.data->'events') e
        WHERE NOT (e->>'profile_id' = ANY(${ids}::text[]))), '[]'::jsonb))
    WHERE c.tenant_id = ${tenantId} AND c.kind = 'event.stored'
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(c.data->'events') e
        WHERE e->>'profile_id' = ANY(${ids}::text[]))`.execute(trx);
  await sql`DELETE FROM cdp_changes
    WHERE tenant_id = ${tenantId} AND kind = 'event.stored' AND data->'events' = '[]'::jsonb`.execute(
    trx,
  );
  return count(about) + count(refused) + count(edited);
}

/**
 * Drops the erased hashes from every privacy request of the tenant that names one (they
 * keep the identifier's type), and deletes those requests' access documents.
 * @returns how many access documents were deleted
 */
async function forgetHashesInRequests(
  trx: Db,
  tenantId: string,
  hashes: string[],
): Promise<number> {
  if (hashes.length === 0) return 0;
  const { rows } = await sql<{ request_id: string }>`
    UPDATE cdp_privacy_requests r SET identifiers = (
        SELECT jsonb_agg(CASE WHEN i->>'hash' = ANY(${hashes}::text[])
          THEN jsonb_build_object('type', i->'type', 'hash', NULL) ELSE i END)
        FROM jsonb_array_elements(r.identifiers) i)
    WHERE r.tenant_id = ${tenantId}
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.identifiers) i
        WHERE i->>'hash' = ANY(${hashes}::text[]))
    RETURNING r.request_id`.execute(trx);
  if (rows.length === 0) return 0;
  const documents = await sql<{ n: number }>`
    WITH gone AS (
      DELETE FROM cdp_privacy_results WHERE tenant_id = ${tenantId}
        AND request_id = ANY(${rows.map((r) => r.request_id)}::uuid[])
      RETURNING request_id)
    SELECT count(DISTINCT request_id)::int AS n FROM gone`.execute(trx);
  return documents.rows[0]?.n ?? 0;
}
