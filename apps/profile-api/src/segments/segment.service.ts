import { AppError } from '@stratum/http';
import type { SegmentChangesPage, SegmentMembersPage } from '@stratum/schemas';
import type { ReadonlyDb } from '../read-only/read-only-db';
import { findSegmentChangesPage } from './segment-changes.repository';
import { encodeChangesCursor, encodeMembersCursor } from './segment-cursor';
import { findSegmentMembersPage } from './segment-members.repository';
import type { ChangesPageOptions, MembersPageOptions } from './segment-page-query';

// One answer for unknown, deleted and other tenants' segments: a key cannot probe them.
function segmentNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No segment with this id' });
}

/**
 * One page of a live segment's current members, by profile id.
 * @throws AppError NOT_FOUND for an unknown, deleted or other tenant's segment
 */
export async function getSegmentMembers(
  db: ReadonlyDb,
  tenantId: string,
  segmentId: string,
  options: MembersPageOptions,
): Promise<SegmentMembersPage> {
  const page = await findSegmentMembersPage(db, { ...options, tenantId, segmentId });
  if (page === undefined) throw segmentNotFound();
  return {
    members: page.members.map((m) => ({
      profile_id: m.profileId,
      entered_at: m.enteredAt.toISOString(),
    })),
    next_cursor: page.nextAfter === undefined ? null : encodeMembersCursor(page.nextAfter),
  };
}

/**
 * One page of a live segment's membership log, in the order it was recorded. The cursor is
 * always given (after the last entry, or where this page started), so a reader that caught
 * up can come back for what is recorded later.
 * @throws AppError NOT_FOUND for an unknown, deleted or other tenant's segment
 */
export async function getSegmentChanges(
  db: ReadonlyDb,
  tenantId: string,
  segmentId: string,
  options: ChangesPageOptions,
): Promise<SegmentChangesPage> {
  const page = await findSegmentChangesPage(db, { ...options, tenantId, segmentId });
  if (page === undefined) throw segmentNotFound();
  return {
    changes: page.changes.map((c) => ({
      profile_id: c.profileId,
      change: c.change,
      at: c.at.toISOString(),
      version: c.version,
    })),
    next_cursor: encodeChangesCursor(page.changes.at(-1)?.logId ?? options.afterLogId),
    has_more: page.hasMore,
  };
}
