import { sql } from 'kysely';
import type { Db } from '@stratum/db';

/** Write-ahead log written during a phase: volume, full-page images, checkpoints. */
export interface WalUsage {
  bytes: number;
  records: number;
  /** Full-page images: a page's first change after a checkpoint logs the whole 8 kB page. */
  fullPageImages: number;
  checkpoints: number;
}

interface WalReading {
  bytes: number;
  records: number;
  fpi: number;
  checkpoints: number;
}

async function readWal(db: Db): Promise<WalReading> {
  const { rows: wal } = await sql<{ bytes: string; records: string; fpi: string }>`
    SELECT wal_bytes::text AS bytes, wal_records::text AS records, wal_fpi::text AS fpi FROM pg_stat_wal`.execute(
    db,
  );
  // PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer.
  const { rows: version } = await sql<{ num: number }>`
    SELECT current_setting('server_version_num')::int AS num`.execute(db);
  const { rows: checkpoints } =
    version[0]!.num >= 170_000
      ? await sql<{ n: number }>`
          SELECT (num_timed + num_requested)::int AS n FROM pg_stat_checkpointer`.execute(db)
      : await sql<{ n: number }>`
          SELECT (checkpoints_timed + checkpoints_req)::int AS n FROM pg_stat_bgwriter`.execute(db);
  return {
    bytes: Number(wal[0]!.bytes),
    records: Number(wal[0]!.records),
    fpi: Number(wal[0]!.fpi),
    checkpoints: checkpoints[0]!.n,
  };
}

/**
 * Starts watching the server's WAL; the returned function gives what was written since.
 * Server-wide figures: on a shared server they include other databases' writes.
 */
export async function startWalWindow(db: Db): Promise<() => Promise<WalUsage>> {
  const start = await readWal(db);
  return async () => {
    const end = await readWal(db);
    return {
      bytes: end.bytes - start.bytes,
      records: end.records - start.records,
      fullPageImages: end.fpi - start.fpi,
      checkpoints: end.checkpoints - start.checkpoints,
    };
  };
}
