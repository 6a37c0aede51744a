import { selectCurrentConsents } from '@stratum/db';
import type { ConsentPurpose, ConsentStatus, JsonObject } from '@stratum/db';
import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';
import type { ReadonlyReader, ReadonlyTrx } from '../read-only/read-only-db';

/** Which profiles to export. */
export interface ProfileExportQuery {
  tenantId: string;
  /** Only the current members of this live segment. */
  segmentId?: string;
  /** Only the profiles whose current consent for it is granted. */
  purpose?: ConsentPurpose;
  /** Only profiles with a greater id (resuming). */
  afterProfileId?: string;
  /** Only profiles with this id or a greater one (a range of a parallel read). */
  fromProfileId?: string;
  /** Only profiles with a lesser id (a range of a parallel read). */
  beforeProfileId?: string;
}

/** A profile as exported, before formatting: times already in ISO 8601 (UTC, milliseconds). */
export interface ProfileExportRow {
  profile_id: string;
  created_at: string;
  updated_at: string;
  first_seen_at: string;
  last_seen_at: string;
  event_count: number;
  traits: JsonObject;
  /** `type:hash`, oldest first. */
  identifiers: string[];
  consents: Partial<Record<ConsentPurpose, ConsentStatus>>;
}

// An instant as toISOString writes it. Formatted by PostgreSQL: parsing a Date for each
// timestamp and printing it again was a large share of an export's CPU.
function isoText(column: string) {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

// The id bounds (resume, range) on a profile id column.
function idConditions(query: ProfileExportQuery, column: string) {
  const conditions: RawBuilder<SqlBool>[] = [];
  const { afterProfileId, fromProfileId, beforeProfileId } = query;
  if (afterProfileId !== undefined) {
    conditions.push(sql<SqlBool>`${sql.ref(column)} > ${afterProfileId}`);
  }
  if (fromProfileId !== undefined) {
    conditions.push(sql<SqlBool>`${sql.ref(column)} >= ${fromProfileId}`);
  }
  if (beforeProfileId !== undefined) {
    conditions.push(sql<SqlBool>`${sql.ref(column)} < ${beforeProfileId}`);
  }
  return conditions;
}

// The segment and id conditions on a profile id column, to apply to every table read.
function profileConditions(trx: ReadonlyTrx, query: ProfileExportQuery, column: string) {
  const { tenantId, segmentId } = query;
  const conditions = idConditions(query, column);
  if (segmentId !== undefined) {
    // The bounds again on the members: PostgreSQL does not carry a range across the join,
    // and a range's read would otherwise go through every member of the segment.
    let members = trx
      .selectFrom('cdp_segment_members as sm')
      .select('sm.profile_id')
      .where('sm.tenant_id', '=', tenantId)
      .where('sm.segment_id', '=', segmentId);
    for (const condition of idConditions(query, 'sm.profile_id')) {
      members = members.where(condition);
    }
    conditions.push(sql<SqlBool>`${sql.ref(column)} IN (${members})`);
  }
  return conditions;
}

/**
 * Each wanted profile's identifiers as `type:hash`, oldest first, grouped in one pass over
 * the profile index in profile id order: merge-joined with the profiles, this costs far less
 * than one index look-up per profile.
 */
function selectIdentifierLists(trx: ReadonlyTrx, query: ProfileExportQuery) {
  let select = trx
    .selectFrom('cdp_profile_identifiers as i')
    .select([
      'i.profile_id',
      sql<
        string[]
      >`json_agg(i.identifier_type || ':' || i.identifier_hash ORDER BY i.first_seen_at, i.identifier_type, i.identifier_hash)`.as(
        'list',
      ),
    ])
    .where('i.tenant_id', '=', query.tenantId)
    .groupBy('i.profile_id');
  for (const condition of profileConditions(trx, query, 'i.profile_id')) {
    select = select.where(condition);
  }
  return select;
}

/**
 * The surviving profiles of a tenant by profile id (the primary key's order, so resuming
 * after an id reads no row twice), each with its identifiers and the current status of each
 * consent purpose across the ids merged into it (selectCurrentConsents' rule, as a profile
 * look-up shows them).
 */
export function selectProfilesForExport(trx: ReadonlyTrx, query: ProfileExportQuery) {
  let select = trx
    .selectFrom('cdp_profiles as p')
    .leftJoin(selectIdentifierLists(trx, query).as('ids'), (join) =>
      join.onRef('ids.profile_id', '=', 'p.profile_id'),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom(
            selectCurrentConsents(trx, {
              tenantId: eb.ref('p.tenant_id'),
              profileIds: eb.fn<string[]>('array_prepend', [
                'p.profile_id',
                sql`array(${eb
                  .selectFrom('cdp_profiles as m')
                  .select('m.profile_id')
                  .whereRef('m.tenant_id', '=', 'p.tenant_id')
                  .whereRef('m.merged_into', '=', 'p.profile_id')})`,
              ]),
            }).as('cc'),
          )
          // json, not jsonb: it keeps the purposes in the aggregate's (alphabetical) order.
          .select(
            sql<
              ProfileExportRow['consents']
            >`coalesce(json_object_agg(cc.purpose, cc.status ORDER BY cc.purpose), '{}'::json)`.as(
              'consents',
            ),
          )
          .as('c'),
      (join) => join.onTrue(),
    )
    .select([
      'p.profile_id',
      isoText('p.created_at').as('created_at'),
      isoText('p.updated_at').as('updated_at'),
      isoText('p.first_seen_at').as('first_seen_at'),
      isoText('p.last_seen_at').as('last_seen_at'),
      'p.event_count',
      'p.traits',
      sql<string[]>`coalesce(ids.list, '[]'::json)`.as('identifiers'),
      'c.consents',
    ])
    .where('p.tenant_id', '=', query.tenantId)
    .where('p.merged_into', 'is', null);
  for (const condition of profileConditions(trx, query, 'p.profile_id')) {
    select = select.where(condition);
  }
  if (query.purpose !== undefined) {
    select = select.where(sql<string>`c.consents ->> ${query.purpose}`, '=', 'granted');
  }
  return select.orderBy('p.profile_id');
}

/** Whether a live (not deleted) segment of the tenant has this id. */
export async function liveSegmentExists(
  db: ReadonlyReader,
  tenantId: string,
  segmentId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('cdp_segments')
    .select('segment_id')
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
