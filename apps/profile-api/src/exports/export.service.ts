import { AppError } from '@stratum/http';
import { decodeEventCursor } from '@stratum/schemas';
import type { ExportEventsQuery, ExportProfilesQuery } from '@stratum/schemas';
import { findProfileScope, scopeIds } from '../profiles/profile.repository';
import type { ReadonlyDb } from '../read-only/read-only-db';
import { exportBody } from './export-body';
import { readAhead } from './read-ahead';
import { exportEncoder } from './export-encoder';
import { EVENT_EXPORT_COLUMNS, eventRowToExport } from './event-export.mapping';
import { selectEventsForExport } from './event-export.repository';
import type { ExportEncoder } from './export-encoder';
import { readForExport } from './export-transaction';
import { PROFILE_EXPORT_COLUMNS, profileRowToExport } from './profile-export.mapping';
import { liveSegmentExists, selectProfilesForExport } from './profile-export.repository';

/** Hands an export's body to the client; resolves once it is sent or abandoned. */
export type ExportSink = (body: AsyncIterable<string>, encoder: ExportEncoder) => Promise<unknown>;

/** Rows fetched from the cursor at a time. */
const FETCH_ROWS = 1000;
/** Rows read ahead of the encoder: the next fetch overlaps the encoding of this one. */
const READ_AHEAD_ROWS = 2 * FETCH_ROWS;

/**
 * Exports the surviving profiles of a tenant (or a segment's members), by profile id, in one
 * read-only REPEATABLE READ transaction: the whole file is one snapshot, and the rows come
 * from a server-side cursor as fast as `send` takes them.
 * @throws AppError NOT_FOUND for an unknown, deleted or other tenant's segment
 */
export async function exportProfiles(
  db: ReadonlyDb,
  tenantId: string,
  query: ExportProfilesQuery,
  send: ExportSink,
): Promise<void> {
  await readForExport(db, async (trx) => {
    if (query.segment !== undefined && !(await liveSegmentExists(trx, tenantId, query.segment))) {
      throw new AppError('NOT_FOUND', { detail: 'No segment with this id' });
    }
    const rows = readAhead(
      selectProfilesForExport(trx, {
        tenantId,
        segmentId: query.segment,
        purpose: query.purpose,
        afterProfileId: query.after,
      }).stream(FETCH_ROWS),
      READ_AHEAD_ROWS,
    );
    const encoder = exportEncoder(query.format, PROFILE_EXPORT_COLUMNS);
    await send(exportBody(rows, profileRowToExport, encoder), encoder);
  });
}

/**
 * Exports a tenant's events (or one profile's, across the ids merged into it) in
 * (occurred_at, event_id) order, streamed as {@link exportProfiles} streams profiles.
 * @throws AppError VALIDATION_FAILED for an `after` this API did not make; NOT_FOUND for an
 * unknown or other tenant's profile
 */
export async function exportEvents(
  db: ReadonlyDb,
  tenantId: string,
  query: ExportEventsQuery,
  send: ExportSink,
): Promise<void> {
  const after = query.after === undefined ? undefined : decodeEventCursor(query.after);
  if (query.after !== undefined && after === undefined) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'The query parameters are invalid',
      errors: [{ path: 'after', message: 'is not the cursor of an exported event' }],
    });
  }
  await readForExport(db, async (trx) => {
    let profileIds: string[] | undefined;
    if (query.profile_id !== undefined) {
      const scope = await findProfileScope(trx, tenantId, query.profile_id);
      if (scope === undefined)
        throw new AppError('NOT_FOUND', { detail: 'No profile with this id' });
      profileIds = scopeIds(scope);
    }
    const rows = readAhead(
      selectEventsForExport(trx, {
        tenantId,
        profileIds,
        from: query.from,
        to: query.to,
        after,
      }).stream(FETCH_ROWS),
      READ_AHEAD_ROWS,
    );
    const encoder = exportEncoder(query.format, EVENT_EXPORT_COLUMNS);
    await send(exportBody(rows, eventRowToExport, encoder), encoder);
  });
}
