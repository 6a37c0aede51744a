import { postgresCpuSeconds, processCpuSeconds, processMemoryMb } from '../monitor/proc-stats';
import type { Progress } from '../report/progress';

/** One streamed export of every profile of the benchmark's tenant. */
interface ExportRun {
  format: 'csv' | 'ndjson';
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU seconds a second of export, in cores (null: not watched). */
  cpu: { profileNode: number | null; postgres: number | null };
  /** The profile API's resident memory before the export, and the most sampled during it. */
  profileRssMb: { before: number; peak: number };
}

export interface ExportResult {
  runs: ExportRun[];
}

export interface ExportTarget {
  /** The profile API. */
  url: string;
  /** A key with profiles:read. */
  key: string;
  profilePid: number;
  postmasterPid: number | undefined;
}

const LF = 0x0a;
const SAMPLE_MS = 100;

async function exportOnce(
  target: ExportTarget,
  format: ExportRun['format'],
  progress: Progress,
): Promise<ExportRun> {
  const before = processMemoryMb(target.profilePid)?.rss ?? 0;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, processMemoryMb(target.profilePid)?.rss ?? 0);
  }, SAMPLE_MS);
  const cpuAtStart = cpuNow(target);
  const startedAt = performance.now();
  let rows = 0;
  let bytes = 0;
  let shownAt = 0;
  try {
    const response = await fetch(`${target.url}/api/v1/cdp/exports/profiles?format=${format}`, {
      headers: { Authorization: `Bearer ${target.key}` },
    });
    if (!response.ok || response.body === null) {
      throw new Error(
        `export answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
      );
    }
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) rows += 1;
      if (performance.now() - shownAt > 250) {
        shownAt = performance.now();
        progress.status(`${format}: ${rows.toLocaleString('en-US')} rows`);
      }
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const cpuAtEnd = cpuNow(target);
  const cores = (start: number | undefined, end: number | undefined) =>
    start === undefined || end === undefined ? null : (end - start) / seconds;
  // The CSV header is a line, not a row.
  const dataRows = format === 'csv' ? rows - 1 : rows;
  return {
    format,
    rows: dataRows,
    bytes,
    seconds,
    rowsPerSecond: dataRows / seconds,
    cpu: {
      profileNode: cores(cpuAtStart.profile, cpuAtEnd.profile),
      postgres: cores(cpuAtStart.postgres, cpuAtEnd.postgres),
    },
    profileRssMb: { before, peak },
  };
}

function cpuNow(target: ExportTarget) {
  return {
    profile: processCpuSeconds(target.profilePid),
    postgres:
      target.postmasterPid === undefined ? undefined : postgresCpuSeconds(target.postmasterPid),
  };
}

/**
 * Exports every profile of the benchmark's tenant through the profile API, as CSV then as
 * NDJSON, reading the answer as fast as it comes (counting rows, keeping nothing), and
 * watches the API process: its resident memory, sampled every 100 ms, must stay flat
 * whatever the number of rows, and its CPU and PostgreSQL's say where the time goes.
 */
export async function runExports(target: ExportTarget, progress: Progress): Promise<ExportResult> {
  const runs: ExportRun[] = [];
  for (const format of ['csv', 'ndjson'] as const) {
    runs.push(await exportOnce(target, format, progress));
    const run = runs.at(-1)!;
    progress.done(
      `${format}: ${run.rows.toLocaleString('en-US')} rows in ${run.seconds.toFixed(1)} s, ` +
        `${Math.round(run.rowsPerSecond).toLocaleString('en-US')} rows/s, ` +
        `API RSS ${Math.round(run.profileRssMb.before)} → ${Math.round(run.profileRssMb.peak)} MB`,
    );
  }
  return { runs };
}
