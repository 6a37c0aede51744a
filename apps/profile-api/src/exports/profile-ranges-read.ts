import type { ReadonlyDb, ReadonlyTrx } from '../read-only/read-only-db';
import { alternateRanges, RANGE_END } from './alternate-ranges';
import type { Lane } from './alternate-ranges';
import { exportSnapshot, openInSnapshot, planForRanges } from './export-transaction';
import type { SnapshotReader } from './export-transaction';
import { estimateProfileIdBounds } from './profile-id-ranges.repository';
import { selectProfilesForExport } from './profile-export.repository';
import type { ProfileExportQuery, ProfileExportRow } from './profile-export.repository';

/** How a profiles export may be split between two connections. */
export interface RangesReadOptions {
  /** Takes a second export slot, returning how to give it back; undefined: none free. */
  takeSlot: () => (() => void) | undefined;
  /** Rows a range holds, about (an estimate decides the bounds). */
  rangeRows: number;
  /** Fewer ranges than this, and the export reads over one connection. */
  minRanges: number;
  /** Rows fetched from a range's cursor at a time. */
  fetchRows: number;
  /** Rows each connection reads ahead of the encoder. */
  readAheadRows: number;
  /** How long to wait for the second connection before reading over one. */
  connectWaitMs: number;
}

/** The rows of a two-connection read, and how to end its second transaction. */
export interface RangesRead {
  rows: AsyncIterable<ProfileExportRow>;
  close: () => Promise<void>;
}

// The query of each range: ids below the first bound, between two bounds, from the last.
// The bounds are all after `afterProfileId`, which only the first range needs.
function rangeQueries(query: ProfileExportQuery, bounds: readonly string[]): ProfileExportQuery[] {
  return [undefined, ...bounds].map((fromProfileId, index) => ({
    ...query,
    afterProfileId: index === 0 ? query.afterProfileId : undefined,
    fromProfileId,
    beforeProfileId: bounds[index],
  }));
}

async function* lane(
  trx: ReadonlyTrx,
  ranges: readonly ProfileExportQuery[],
  fetchRows: number,
): Lane<ProfileExportRow> {
  for (const range of ranges) {
    yield* selectProfilesForExport(trx, range).stream(fetchRows);
    yield RANGE_END;
  }
}

// The pending promise's value, or undefined if it takes longer than `ms`.
async function within<T>(pending: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a profiles export over the export's transaction `trx` and a second one on another
 * connection sharing its snapshot (so the file is still one instant of the database): the
 * tenant's id space is cut into ranges by an estimate, the connections take every other
 * range, and the rows come out in profile id order. Undefined, and nothing held, when the
 * export is too small to gain from it or no second connection is free at once: the caller
 * then reads over `trx` alone.
 */
export async function readProfilesInRanges(
  db: ReadonlyDb,
  trx: ReadonlyTrx,
  query: ProfileExportQuery,
  options: RangesReadOptions,
): Promise<RangesRead | undefined> {
  const bounds = await estimateProfileIdBounds(trx, query, options.rangeRows);
  if (bounds.length + 1 < options.minRanges) return undefined;
  const release = options.takeSlot();
  if (release === undefined) return undefined;
  let second: SnapshotReader | undefined;
  try {
    const opening = openInSnapshot(db, await exportSnapshot(trx));
    second = await within(
      opening.catch(() => undefined),
      options.connectWaitMs,
    );
    if (second === undefined) {
      // None free at once (or it failed): one that comes later is given back at once.
      void opening
        .then((late) => late.close())
        .catch(() => undefined)
        .finally(release);
      return undefined;
    }
    await planForRanges(trx);
    await planForRanges(second.trx);
  } catch (error) {
    await second?.close();
    release();
    throw error;
  }
  const ranges = rangeQueries(query, bounds);
  const [even, odd] = [0, 1].map((parity) => ranges.filter((_, index) => index % 2 === parity));
  const opened = second;
  const rows = alternateRanges(
    [lane(trx, even!, options.fetchRows), lane(opened.trx, odd!, options.fetchRows)],
    options.readAheadRows,
  );
  return {
    rows,
    close: async () => {
      try {
        await opened.close();
      } finally {
        release();
      }
    },
  };
}
