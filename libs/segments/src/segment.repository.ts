import { sql } from 'kysely';
import type { Db, Trx } from '@stratum/db';
import { SegmentInputSchema, SegmentUpdateSchema } from '@stratum/schemas';
import type { z } from 'zod';
import { inTransaction } from './in-transaction';
import { recomputeSegmentLocked } from './recompute-segment';
import { lockTenantSegments } from './segment-locks';
import { inputIssues } from './segment-input-issues';
import type { SegmentInputIssue } from './segment-input-issues';
import { SEGMENT_COLUMNS, segmentRowToSegment } from './stored-segment';
import type { StoredSegment } from './stored-segment';

/** The outcome of a write: the segment, or why there is none. */
export type SegmentWriteResult =
  | { ok: true; value: StoredSegment }
  | { ok: false; error: 'SEGMENT_INVALID'; issues: SegmentInputIssue[] }
  | { ok: false; error: 'SEGMENT_NOT_FOUND' };

/** Options of the writes: the instant the recomputed membership is evaluated at and dated. */
export interface SegmentWriteOptions {
  now?: Date;
}

async function insertVersion(trx: Trx, segment: StoredSegment): Promise<void> {
  await trx
    .insertInto('cdp_segment_versions')
    .values({
      tenant_id: segment.tenantId,
      segment_id: segment.segmentId,
      version: segment.version,
      name: segment.name,
      definition: JSON.stringify(segment.definition),
      created_at: segment.updatedAt,
    })
    .execute();
}

type SegmentRow = Parameters<typeof segmentRowToSegment>[0];

/**
 * What every version write shares: parse `input`, then, in one transaction holding the
 * tenant's segment lock exclusively, `store` the row, keep the version and recompute the
 * members, so that a version is never visible without its members. `store` answers
 * undefined when there is no live segment to write.
 */
async function writeVersion<I>(
  db: Db,
  tenantId: string,
  schema: z.ZodType<I>,
  input: unknown,
  options: SegmentWriteOptions,
  store: (trx: Trx, data: I, now: Date) => Promise<SegmentRow | undefined>,
): Promise<SegmentWriteResult> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: 'SEGMENT_INVALID', issues: inputIssues(parsed.error) };
  }
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    await lockTenantSegments(trx, tenantId, 'exclusive');
    const row = await store(trx, parsed.data, now);
    if (row === undefined) return { ok: false, error: 'SEGMENT_NOT_FOUND' };
    const segment = segmentRowToSegment(row);
    await insertVersion(trx, segment);
    await recomputeSegmentLocked(trx, tenantId, segment.segmentId, { now });
    return { ok: true, value: segment };
  });
}

/**
 * Stores a new segment (`input`: `{name, definition}`, parsed here) at version 1 and computes
 * its members, all in one transaction: the segment is never visible without its members.
 */
export function createSegment(
  db: Db,
  tenantId: string,
  input: unknown,
  options: SegmentWriteOptions = {},
): Promise<SegmentWriteResult> {
  return writeVersion(db, tenantId, SegmentInputSchema, input, options, (trx, data) =>
    trx
      .insertInto('cdp_segments')
      .values({
        tenant_id: tenantId,
        name: data.name,
        definition: JSON.stringify(data.definition),
      })
      .returning(SEGMENT_COLUMNS)
      .executeTakeFirst(),
  );
}

/**
 * Replaces a live segment's definition (and name, when given) with a new version, keeps the
 * old one in the versions table, and recomputes the members under the new version.
 */
export function updateSegment(
  db: Db,
  tenantId: string,
  segmentId: string,
  input: unknown,
  options: SegmentWriteOptions = {},
): Promise<SegmentWriteResult> {
  return writeVersion(db, tenantId, SegmentUpdateSchema, input, options, (trx, data, now) =>
    trx
      .updateTable('cdp_segments')
      .set((eb) => ({
        version: eb('version', '+', 1),
        definition: JSON.stringify(data.definition),
        ...(data.name === undefined ? {} : { name: data.name }),
        updated_at: now,
      }))
      .where('tenant_id', '=', tenantId)
      .where('segment_id', '=', segmentId)
      .where('deleted_at', 'is', null)
      .returning(SEGMENT_COLUMNS)
      .executeTakeFirst(),
  );
}

/**
 * Deletes a live segment (softly: the log keeps naming it): every member exits, each exit
 * logged under the segment's last version and recorded in the change feed. False when
 * there was no such live segment.
 */
export async function deleteSegment(
  db: Db,
  tenantId: string,
  segmentId: string,
  options: SegmentWriteOptions = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    await lockTenantSegments(trx, tenantId, 'exclusive');
    const row = await trx
      .updateTable('cdp_segments')
      .set({ deleted_at: now, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('segment_id', '=', segmentId)
      .where('deleted_at', 'is', null)
      .returning('version')
      .executeTakeFirst();
    if (row === undefined) return false;
    await trx
      .with('exited', (qc) =>
        qc
          .deleteFrom('cdp_segment_members')
          .where('tenant_id', '=', tenantId)
          .where('segment_id', '=', segmentId)
          .returning(['tenant_id', 'segment_id', 'profile_id']),
      )
      // Each exit in the change feed too, as applyMembership records them.
      .with('fed', (qc) =>
        qc
          .insertInto('cdp_changes')
          .columns(['tenant_id', 'kind', 'profile_id', 'data'])
          .expression((eb) =>
            eb
              .selectFrom('exited')
              .select((e) => [
                'exited.tenant_id',
                e.val('segment.exited' as const).as('kind'),
                'exited.profile_id',
                sql<string>`jsonb_build_object('segment_id', exited.segment_id, 'version', ${row.version}::integer)`.as(
                  'data',
                ),
              ]),
          ),
      )
      .insertInto('cdp_segment_membership_log')
      .columns(['tenant_id', 'segment_id', 'profile_id', 'change', 'at', 'version'])
      .expression((eb) =>
        eb
          .selectFrom('exited')
          .select(['exited.tenant_id', 'exited.segment_id', 'exited.profile_id'])
          .select((e) => [
            e.val('exited' as const).as('change'),
            e.val(now).as('at'),
            e.val(row.version).as('version'),
          ]),
      )
      .execute();
    return true;
  });
}

/** A live segment of the tenant, or undefined (unknown, deleted, or another tenant's). */
export async function findSegment(
  db: Db,
  tenantId: string,
  segmentId: string,
): Promise<StoredSegment | undefined> {
  const row = await db
    .selectFrom('cdp_segments')
    .select(SEGMENT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && segmentRowToSegment(row);
}

/** The tenant's live segments, oldest first. */
export async function listSegments(db: Db, tenantId: string): Promise<StoredSegment[]> {
  const rows = await db
    .selectFrom('cdp_segments')
    .select(SEGMENT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('segment_id')
    .execute();
  return rows.map(segmentRowToSegment);
}
