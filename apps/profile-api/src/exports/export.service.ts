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
import type { ProfileExportQuery } from './profile-export.repository';
import { readProfilesInRanges } from './profile-ranges-read';
import type { RangesReadOptions } from './profile-ranges-read';

/** Hands an export's body to the client; resolves once it is sent or abandoned. */
export type ExportSink = (body: AsyncIterable<string>, encoder: ExportEncoder) => Promise<unknown>;

/** Rows fetched from the cursor at a time. */
const FETCH_ROWS = 1000;
/** Rows read ahead of the encoder: the next fetch overlaps the encoding of this one. */
const READ_AHEAD_ROWS = 2 * FETCH_ROWS;

/** A profiles export's second connection: how to get a slot for it, and tuning for tests. */
export type ProfileExportOptions = Pick<RangesReadOptions, 'takeSlot'> &
  Partial<Omit<RangesReadOptions, 'takeSlot'>>;

// Each connection reads ahead by a range, so one reads its next range while the other's is
// written; below four ranges (about 20,000 rows) two connections gained nothing measurable
// (docs/PERFORMANCE.md, 2026-11-25).
const RANGES_DEFAULTS = {
  rangeRows: 5 * FETCH_ROWS,
  minRanges: 4,
  fetchRows: FETCH_ROWS,
  readAheadRows: 5 * FETCH_ROWS,
  connectWaitMs: 200,
} satisfies Omit<RangesReadOptions, 'takeSlot'>;

/**
 * Exports the surviving profiles of a tenant (or a segment's members), by profile id, in
 * read-only REPEATABLE READ: the whole file is one snapshot, and the rows come from
 * server-side cursors as fast as `send` takes them. A large export is read over two
 * connections sharing that snapshot when `options` grants a second slot (see
 * readProfilesInRanges), otherwise over one.
 * @throws AppError NOT_FOUND for an unknown, deleted or other tenant's segment
 */
export async function exportProfiles(
  db: ReadonlyDb,
  tenantId: string,
  query: ExportProfilesQuery,
  send: ExportSink,
  options?: ProfileExportOptions,
): Promise<void> {
  await readForExport(db, async (trx) => {
    if (query.segment !== undefined && !(await liveSegmentExists(trx, tenantId, query.segment))) {
      throw new AppError('NOT_FOUND', { detail: 'No segment with this id' });
    }
    const exportQuery: ProfileExportQuery = {
      tenantId,
      segmentId: query.segment,
      purpose: query.purpose,
      afterProfileId: query.after,
    };
    const ranges =
      options === undefined
        ? undefined
        : await readProfilesInRanges(db, trx, exportQuery, { ...RANGES_DEFAULTS, ...options });
    try {
      const rows =
        ranges?.rows ??
        readAhead(selectProfilesForExport(trx, exportQuery).stream(FETCH_ROWS), READ_AHEAD_ROWS);
      const encoder = exportEncoder(query.format, PROFILE_EXPORT_COLUMNS);
      await send(exportBody(rows, profileRowToExport, encoder), encoder);
    } finally {
      await ranges?.close();
    }
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
