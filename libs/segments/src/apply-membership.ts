import type { ChangeKind, SegmentMembershipChange, Trx } from '@stratum/db';
import type { SegmentNode } from '@stratum/schemas';
import { sql } from 'kysely';
import { selectMemberIds } from './select-member-ids';

/** The segment whose membership is written, at the version being applied. */
export interface SegmentToApply {
  tenantId: string;
  segmentId: string;
  version: number;
  definition: SegmentNode;
}

/** How many profiles entered and left a segment. */
export interface MembershipDelta {
  entered: number;
  exited: number;
}

/**
 * Evaluates a segment (over `profileIds`, or every profile of the tenant) and makes its
 * stored members match, logging each entry and exit and recording it in the change feed
 * (`segment.entered` / `segment.exited`, data `{segment_id, version}`), in one statement. Who logs is decided
 * by the rows themselves: an entry is logged only when its INSERT … ON CONFLICT DO NOTHING
 * inserted a row, an exit only when its DELETE removed one, so a concurrent writer of the
 * same pairs can never make a second log row. Callers hold the segment's lock (see
 * segment-locks.ts) so that the evaluation also sees every earlier writer's result.
 */
export async function applyMembership(
  trx: Trx,
  segment: SegmentToApply,
  options: { now: Date; profileIds?: readonly string[] },
): Promise<MembershipDelta> {
  const { tenantId, segmentId, version } = segment;
  const { now, profileIds } = options;
  const row = await trx
    .with('matched', () => selectMemberIds(trx, tenantId, segment.definition, { now, profileIds }))
    .with('exited', (qc) =>
      qc
        .deleteFrom('cdp_segment_members as m')
        .where('m.tenant_id', '=', tenantId)
        .where('m.segment_id', '=', segmentId)
        .$if(profileIds !== undefined, (q) =>
          q.where('m.profile_id', '=', (eb) => eb.fn.any(eb.val([...profileIds!]))),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('matched')
                .select('matched.profile_id')
                .whereRef('matched.profile_id', '=', 'm.profile_id'),
            ),
          ),
        )
        .returning('m.profile_id'),
    )
    .with('entered', (qc) =>
      qc
        .insertInto('cdp_segment_members')
        .columns(['tenant_id', 'segment_id', 'profile_id', 'entered_at'])
        .expression((eb) =>
          eb
            .selectFrom('matched')
            .select([
              sql<string>`${tenantId}::uuid`.as('tenant_id'),
              sql<string>`${segmentId}::uuid`.as('segment_id'),
              'matched.profile_id',
              sql<Date>`${now}::timestamptz`.as('entered_at'),
            ]),
        )
        .onConflict((oc) => oc.doNothing())
        .returning('profile_id'),
    )
    .with('logged', (qc) =>
      qc
        .insertInto('cdp_segment_membership_log')
        .columns(['tenant_id', 'segment_id', 'profile_id', 'change', 'at', 'version'])
        .expression((eb) =>
          eb
            .selectFrom('exited')
            .select([
              sql<string>`${tenantId}::uuid`.as('tenant_id'),
              sql<string>`${segmentId}::uuid`.as('segment_id'),
              'exited.profile_id',
              sql<SegmentMembershipChange>`'exited'`.as('change'),
              sql<Date>`${now}::timestamptz`.as('at'),
              sql<number>`${version}::integer`.as('version'),
            ])
            .unionAll(
              eb
                .selectFrom('entered')
                .select([
                  sql<string>`${tenantId}::uuid`.as('tenant_id'),
                  sql<string>`${segmentId}::uuid`.as('segment_id'),
                  'entered.profile_id',
                  sql<SegmentMembershipChange>`'entered'`.as('change'),
                  sql<Date>`${now}::timestamptz`.as('at'),
                  sql<number>`${version}::integer`.as('version'),
                ]),
            ),
        )
        .returning(['change', 'profile_id']),
    )
    // The same entries and exits in the change feed, for destinations and the live stream.
    .with('fed', (qc) =>
      qc
        .insertInto('cdp_changes')
        .columns(['tenant_id', 'kind', 'profile_id', 'data'])
        .expression((eb) =>
          eb
            .selectFrom('logged')
            .select([
              sql<string>`${tenantId}::uuid`.as('tenant_id'),
              sql<ChangeKind>`'segment.' || logged.change`.as('kind'),
              'logged.profile_id',
              sql<string>`jsonb_build_object('segment_id', ${segmentId}::uuid, 'version', ${version}::integer)`.as(
                'data',
              ),
            ]),
        ),
    )
    .selectFrom('logged')
    .select([
      sql<number>`count(*) FILTER (WHERE logged.change = 'entered')::int`.as('entered'),
      sql<number>`count(*) FILTER (WHERE logged.change = 'exited')::int`.as('exited'),
    ])
    .executeTakeFirstOrThrow();
  return { entered: row.entered, exited: row.exited };
}
