import type { ReadonlyReader } from '../read-only/read-only-db';
import type { MembersPageOptions } from './segment-page-query';

/** A current member of a segment. */
interface SegmentMemberRecord {
  profileId: string;
  enteredAt: Date;
}

/** One page of members and the profile id to continue after, when more may follow. */
export interface SegmentMembersPage {
  members: SegmentMemberRecord[];
  nextAfter: string | undefined;
}

/**
 * The statement behind {@link findSegmentMembersPage}: the live segment, left-joined to at
 * most `limit + 1` of its members by profile id (the primary key's order, so a page costs the
 * same wherever it starts). No row: no such live segment; one row of nulls: no members.
 */
function segmentMembersSelect(
  db: ReadonlyReader,
  query: MembersPageOptions & { tenantId: string; segmentId: string },
) {
  const { tenantId, segmentId, limit, afterProfileId } = query;
  return db
    .selectFrom('cdp_segments as s')
    .leftJoinLateral(
      (eb) => {
        let members = eb
          .selectFrom('cdp_segment_members as m')
          .select(['m.profile_id', 'm.entered_at'])
          .whereRef('m.tenant_id', '=', 's.tenant_id')
          .whereRef('m.segment_id', '=', 's.segment_id');
        if (afterProfileId !== undefined) {
          members = members.where('m.profile_id', '>', afterProfileId);
        }
        return members
          .orderBy('m.profile_id')
          .limit(limit + 1)
          .as('m');
      },
      (join) => join.onTrue(),
    )
    .select(['m.profile_id', 'm.entered_at'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.segment_id', '=', segmentId)
    .where('s.deleted_at', 'is', null)
    .orderBy('m.profile_id');
}

/**
 * One page of a live segment's current members, by profile id, in one statement (one
 * snapshot, no transaction). `undefined` for an unknown, deleted or other tenant's segment.
 */
export async function findSegmentMembersPage(
  db: ReadonlyReader,
  query: MembersPageOptions & { tenantId: string; segmentId: string },
): Promise<SegmentMembersPage | undefined> {
  const rows = await segmentMembersSelect(db, query).execute();
  if (rows.length === 0) return undefined;
  const members = rows.flatMap((r) =>
    r.profile_id === null || r.entered_at === null
      ? []
      : [{ profileId: r.profile_id, enteredAt: r.entered_at }],
  );
  const page = members.slice(0, query.limit);
  return {
    members: page,
    nextAfter: members.length > query.limit ? page.at(-1)?.profileId : undefined,
  };
}
