import { selectCurrentConsents } from '@stratum/db';
import type {
  CurrentConsentRecord,
  IdentifierType,
  JsonObject,
  RefusedMergeReason,
} from '@stratum/db';
import { sql } from 'kysely';
import type { AliasedSelectQueryBuilder } from 'kysely';
import { jsonBuildObject } from 'kysely/helpers/postgres';
import type { ReadonlyDb } from '../read-only/read-only-db';
import { reusableRead } from '../read-only/reusable-read';
import { selectSurvivorIdsByIdentifier } from './identifier.repository';
import type { IdentifierKey } from './identifier.repository';
import { selectSurvivorId } from './profile.repository';
import type { ProfileIdentifierRecord, ProfileScope } from './profile.repository';

/** A surviving profile as the API shows it: its columns, identifiers and current consents. */
export interface ProfileRecord extends ProfileScope {
  traits: JsonObject;
  firstSeenAt: Date;
  lastSeenAt: Date;
  eventCount: number;
  /** Oldest first, then by type and hash. */
  identifiers: ProfileIdentifierRecord[];
  /** One per purpose ever recorded, by purpose. */
  consents: CurrentConsentRecord[];
  /** Ids of the live segments it is a member of, in id order. */
  segments: string[];
  /** The merges of the profiles merged into it, oldest first. */
  merges: ProfileMergeRecord[];
  /** Splits on either side of which it stands, oldest first. */
  splits: ProfileSplitRecord[];
  /** Merges refused between its tree and another profile, first refused first. */
  refusedMerges: RefusedMergeRecord[];
}

/** A merge merge protection refused between this profile's tree and another profile. */
interface RefusedMergeRecord {
  otherProfileId: string;
  otherFirstSeenAt: Date;
  otherLastSeenAt: Date;
  reason: RefusedMergeReason;
  firstEventId: string | null;
  lastEventId: string | null;
  firstRefusedAt: Date;
  lastRefusedAt: Date;
  refusals: number;
}

/** A split this profile took part in: the other profile, and when. */
interface ProfileSplitRecord {
  splitId: string;
  mergeId: string;
  otherProfileId: string;
  otherFirstSeenAt: Date;
  otherLastSeenAt: Date;
  splitAt: Date;
}

/** A merge into a profile's tree, for a split. */
interface ProfileMergeRecord {
  mergeId: string;
  mergedProfileId: string;
  mergedAt: Date;
  eventId: string | null;
  /** The merged profile's first and last sighting, as of the merge. */
  firstSeenAt: Date;
  lastSeenAt: Date;
}

type Survivors = AliasedSelectQueryBuilder<{ profile_id: string }, 't'>;

// An aggregate over no rows is NULL; the API wants empty lists. (Raw SQL only for these two
// literals: they are values inside the SELECT, nothing here can write.)
const EMPTY_JSON_ARRAY = sql<never[]>`'[]'::json`;
const EMPTY_UUID_ARRAY = sql<string[]>`'{}'::uuid[]`;

/**
 * The one statement behind a profile look-up: for each surviving profile id of `survivors`,
 * the profile, the ids merged into it, its identifiers, current consents, segments, merges,
 * splits and refused merges, the lists aggregated, so the whole answer is one row per
 * survivor, read in one round trip and one snapshot (no transaction needed). Every part reads
 * by index: the profile by its primary key, merged ids by `cdp_profiles_merged_into_idx`,
 * identifiers by `cdp_profile_identifiers_profile_idx`, consents by
 * `cdp_consents_profile_purpose_idx`, memberships by `cdp_segment_members_profile_idx`.
 */
function selectProfiles(db: ReadonlyDb, tenantId: string, survivors: Survivors) {
  return (
    db
      .selectFrom(survivors)
      .innerJoin('cdp_profiles as s', (join) =>
        join.on('s.tenant_id', '=', tenantId).onRef('s.profile_id', '=', 't.profile_id'),
      )
      // An aggregate always yields one row, so every survivor keeps its row; PostgreSQL
      // does not inline an aggregate subquery, so the ids are read once for both uses.
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('cdp_profiles as mp')
            .select((mb) =>
              mb.fn
                .coalesce(
                  mb.fn
                    .agg<string[]>('array_agg', ['mp.profile_id'])
                    .orderBy('mp.merged_at')
                    .orderBy('mp.profile_id'),
                  EMPTY_UUID_ARRAY,
                )
                .as('merged_ids'),
            )
            .whereRef('mp.tenant_id', '=', 's.tenant_id')
            .whereRef('mp.merged_into', '=', 's.profile_id')
            .as('m'),
        (join) => join.onTrue(),
      )
      .select((eb) => [
        's.profile_id',
        's.traits',
        's.first_seen_at',
        's.last_seen_at',
        's.event_count',
        'm.merged_ids',
        eb
          .selectFrom('cdp_profile_identifiers as i')
          .select((ib) =>
            ib.fn
              .coalesce(
                ib.fn
                  .jsonAgg(
                    jsonBuildObject({
                      type: ib.ref('i.identifier_type'),
                      hash: ib.ref('i.identifier_hash'),
                      first_seen_at: ib.ref('i.first_seen_at'),
                      last_seen_at: ib.ref('i.last_seen_at'),
                    }),
                  )
                  .orderBy('i.first_seen_at')
                  .orderBy('i.identifier_type')
                  .orderBy('i.identifier_hash'),
                EMPTY_JSON_ARRAY,
              )
              .as('list'),
          )
          .whereRef('i.tenant_id', '=', 's.tenant_id')
          .whereRef('i.profile_id', '=', 's.profile_id')
          // An aggregate yields a row even over no rows, and coalesce makes that a list.
          .$asScalar()
          .$notNull()
          .as('identifiers'),
        // Consents are append-only and keep the profile id they were recorded with, so the
        // current state spans the survivor and every id merged into it (the rule is
        // selectCurrentConsents', shared with the ingest API's answer).
        eb
          .selectFrom(
            selectCurrentConsents(db, {
              tenantId: eb.ref('s.tenant_id'),
              profileIds: eb.fn<string[]>('array_prepend', ['s.profile_id', 'm.merged_ids']),
            }).as('cc'),
          )
          .select((cb) =>
            cb.fn
              .coalesce(
                cb.fn
                  .jsonAgg(
                    jsonBuildObject({
                      purpose: cb.ref('cc.purpose'),
                      status: cb.ref('cc.status'),
                      occurred_at: cb.ref('cc.occurred_at'),
                      source: cb.ref('cc.source'),
                    }),
                  )
                  .orderBy('cc.purpose'),
                EMPTY_JSON_ARRAY,
              )
              .as('list'),
          )
          .$asScalar()
          .$notNull()
          .as('consents'),
        // The survivor's own rows only: segments are evaluated on surviving profiles (one
        // merged away matches nothing and leaves them on re-evaluation). No join to
        // cdp_segments for `deleted_at`: members are written only for live segments, and
        // deleting a segment deletes its members in the same transaction (libs/segments).
        eb
          .selectFrom('cdp_segment_members as sm')
          .select((sb) =>
            sb.fn
              .coalesce(
                sb.fn.agg<string[]>('array_agg', ['sm.segment_id']).orderBy('sm.segment_id'),
                EMPTY_UUID_ARRAY,
              )
              .as('list'),
          )
          .whereRef('sm.tenant_id', '=', 's.tenant_id')
          .whereRef('sm.profile_id', '=', 's.profile_id')
          .$asScalar()
          .$notNull()
          .as('segments'),
        // Every merge of a profile now merged into this one, read by the merges' key.
        eb
          .selectFrom('cdp_profile_merges as pm')
          .innerJoin('cdp_profiles as mpp', (join) =>
            join
              .onRef('mpp.tenant_id', '=', 'pm.tenant_id')
              .onRef('mpp.profile_id', '=', 'pm.merged_profile_id'),
          )
          .select((pb) =>
            pb.fn
              .coalesce(
                pb.fn
                  .jsonAgg(
                    jsonBuildObject({
                      merge_id: pb.ref('pm.merge_id'),
                      merged_profile_id: pb.ref('pm.merged_profile_id'),
                      merged_at: pb.ref('pm.merged_at'),
                      event_id: pb.ref('pm.event_id'),
                      first_seen_at: pb.ref('mpp.first_seen_at'),
                      last_seen_at: pb.ref('mpp.last_seen_at'),
                    }),
                  )
                  .orderBy('pm.merged_at')
                  .orderBy('pm.merged_profile_id'),
                EMPTY_JSON_ARRAY,
              )
              .as('list'),
          )
          .whereRef('pm.tenant_id', '=', 's.tenant_id')
          .where((pb) => pb('pm.merged_profile_id', '=', pb.fn.any('m.merged_ids')))
          .$asScalar()
          .$notNull()
          .as('merges'),
        // The splits it stands on either side of (both sides are indexed).
        eb
          .selectFrom('cdp_profile_splits as ps')
          .innerJoin('cdp_profiles as op', (join) =>
            join.onRef('op.tenant_id', '=', 'ps.tenant_id').on(
              sql<boolean>`op.profile_id = CASE WHEN ps.profile_id = s.profile_id
                THEN ps.restored_profile_id ELSE ps.profile_id END`,
            ),
          )
          .select((pb) =>
            pb.fn
              .coalesce(
                pb.fn
                  .jsonAgg(
                    jsonBuildObject({
                      split_id: pb.ref('ps.split_id'),
                      merge_id: pb.ref('ps.merge_id'),
                      other_profile_id: pb.ref('op.profile_id'),
                      other_first_seen_at: pb.ref('op.first_seen_at'),
                      other_last_seen_at: pb.ref('op.last_seen_at'),
                      split_at: pb.ref('ps.split_at'),
                    }),
                  )
                  .orderBy('ps.split_at'),
                EMPTY_JSON_ARRAY,
              )
              .as('list'),
          )
          .whereRef('ps.tenant_id', '=', 's.tenant_id')
          .where((pb) =>
            pb.or([
              pb('ps.profile_id', '=', pb.ref('s.profile_id')),
              pb('ps.restored_profile_id', '=', pb.ref('s.profile_id')),
            ]),
          )
          .$asScalar()
          .$notNull()
          .as('splits'),
        // Refused merges of the profile or of one merged into it, from either side (the pair's
        // key serves one side, `cdp_refused_merges_b_idx` the other).
        eb
          .selectFrom('cdp_refused_merges as rm')
          .innerJoin('cdp_profiles as rp', (join) =>
            join.onRef('rp.tenant_id', '=', 'rm.tenant_id').on(
              sql<boolean>`rp.profile_id = CASE
                WHEN rm.profile_a_id = ANY(array_prepend(s.profile_id, m.merged_ids))
                THEN rm.profile_b_id ELSE rm.profile_a_id END`,
            ),
          )
          .select((rb) =>
            rb.fn
              .coalesce(
                rb.fn
                  .jsonAgg(
                    jsonBuildObject({
                      other_profile_id: rb.ref('rp.profile_id'),
                      other_first_seen_at: rb.ref('rp.first_seen_at'),
                      other_last_seen_at: rb.ref('rp.last_seen_at'),
                      reason: rb.ref('rm.reason'),
                      first_event_id: rb.ref('rm.first_event_id'),
                      last_event_id: rb.ref('rm.last_event_id'),
                      first_refused_at: rb.ref('rm.first_refused_at'),
                      last_refused_at: rb.ref('rm.last_refused_at'),
                      refusals: rb.ref('rm.refusals'),
                    }),
                  )
                  .orderBy('rm.first_refused_at')
                  .orderBy('rm.profile_a_id')
                  .orderBy('rm.profile_b_id'),
                EMPTY_JSON_ARRAY,
              )
              .as('list'),
          )
          .whereRef('rm.tenant_id', '=', 's.tenant_id')
          .where((rb) => {
            const tree = rb.fn<string[]>('array_prepend', ['s.profile_id', 'm.merged_ids']);
            return rb.or([
              rb('rm.profile_a_id', '=', rb.fn.any(tree)),
              rb('rm.profile_b_id', '=', rb.fn.any(tree)),
            ]);
          })
          .$asScalar()
          .$notNull()
          .as('refused_merges'),
      ])
  );
}

type ProfileLookupRow = Awaited<ReturnType<ReturnType<typeof selectProfiles>['execute']>>[number];

// JSON renders timestamptz as ISO 8601 text; the API deals in instants.
function toRecord(row: ProfileLookupRow): ProfileRecord {
  return {
    profileId: row.profile_id,
    mergedIds: row.merged_ids,
    traits: row.traits,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    eventCount: row.event_count,
    identifiers: row.identifiers.map((i) => ({
      type: i.type,
      hash: i.hash,
      firstSeenAt: new Date(i.first_seen_at),
      lastSeenAt: new Date(i.last_seen_at),
    })),
    consents: row.consents.map((c) => ({
      purpose: c.purpose,
      status: c.status,
      occurredAt: new Date(c.occurred_at),
      source: c.source,
    })),
    segments: row.segments,
    merges: row.merges.map((m) => ({
      mergeId: m.merge_id,
      mergedProfileId: m.merged_profile_id,
      mergedAt: new Date(m.merged_at),
      eventId: m.event_id,
      firstSeenAt: new Date(m.first_seen_at),
      lastSeenAt: new Date(m.last_seen_at),
    })),
    splits: row.splits.map((p) => ({
      splitId: p.split_id,
      mergeId: p.merge_id,
      otherProfileId: p.other_profile_id,
      otherFirstSeenAt: new Date(p.other_first_seen_at),
      otherLastSeenAt: new Date(p.other_last_seen_at),
      splitAt: new Date(p.split_at),
    })),
    refusedMerges: row.refused_merges.map((r) => ({
      otherProfileId: r.other_profile_id,
      otherFirstSeenAt: new Date(r.other_first_seen_at),
      otherLastSeenAt: new Date(r.other_last_seen_at),
      reason: r.reason,
      firstEventId: r.first_event_id,
      lastEventId: r.last_event_id,
      firstRefusedAt: new Date(r.first_refused_at),
      lastRefusedAt: new Date(r.last_refused_at),
      refusals: r.refusals,
    })),
  };
}

const profileById = reusableRead<{ tenantId: string; profileId: string }, ProfileLookupRow>(
  ['tenantId', 'profileId'],
  (db, { tenantId, profileId }) =>
    selectProfiles(db, tenantId, selectSurvivorId(db, tenantId, profileId).as('t')),
);

// Two survivors are enough to tell that a hash is ambiguous.
const profilesByHash = reusableRead<{ tenantId: string; hash: string }, ProfileLookupRow>(
  ['tenantId', 'hash'],
  (db, { tenantId, hash }) =>
    selectProfiles(
      db,
      tenantId,
      selectSurvivorIdsByIdentifier(db, tenantId, { hash }).limit(2).as('t'),
    ),
);

const profilesByTypedHash = reusableRead<
  { tenantId: string; type: IdentifierType; hash: string },
  ProfileLookupRow
>(['tenantId', 'type', 'hash'], (db, { tenantId, type, hash }) =>
  selectProfiles(
    db,
    tenantId,
    selectSurvivorIdsByIdentifier(db, tenantId, { type, hash }).limit(2).as('t'),
  ),
);

/**
 * The surviving profile of an id (its own, or the one it was merged into), in one statement.
 * `undefined` for an unknown id and for another tenant's.
 */
export async function findProfileById(
  db: ReadonlyDb,
  tenantId: string,
  profileId: string,
): Promise<ProfileRecord | undefined> {
  const [row] = await profileById(db, { tenantId, profileId });
  return row && toRecord(row);
}

/**
 * The surviving profiles holding an identifier, in one statement: none, one, or (a hash
 * without a type, shared by identifiers of several types on different profiles) two, which
 * is enough to tell that the hash is ambiguous.
 */
export async function findProfilesByIdentifier(
  db: ReadonlyDb,
  tenantId: string,
  key: IdentifierKey,
): Promise<ProfileRecord[]> {
  const { type, hash } = key;
  const rows =
    type === undefined
      ? await profilesByHash(db, { tenantId, hash })
      : await profilesByTypedHash(db, { tenantId, type, hash });
  return rows.map(toRecord);
}
