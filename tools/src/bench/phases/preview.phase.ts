import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createDb, createTenant, maintainPartitions } from '@stratum/db';
import type { Db } from '@stratum/db';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import { previewSegment } from '@stratum/segments';
import { processCpuSeconds } from '../monitor/proc-stats';
import type { Progress } from '../report/progress';
import { PREVIEW_CASES } from './preview-definitions';
import { PREVIEW_EVENT_MONTHS, fillPreviewTenant } from './preview-data';
import type { PreviewDataResult } from './preview-data';

/** One definition's preview times. */
interface PreviewTiming {
  name: string;
  definition: unknown;
  /** Members the preview counted. */
  count: number;
  /** The median of the timed runs (ms). */
  medianMs: number;
  runsMs: number[];
  /**
   * PostgreSQL CPU of the runs, their median (ms): the work of the server process, which
   * other load on the machine does not inflate as it does the time. Null when the server
   * does not run on this machine.
   */
  serverCpuMs: number | null;
}

export interface PreviewResult {
  data: PreviewDataResult;
  runsPerCase: number;
  cases: PreviewTiming[];
}

/**
 * Segment previews at scale: fills a tenant of its own (see fillPreviewTenant), then runs
 * previewSegment (count and a sample of 20, as the API does) for each of PREVIEW_CASES,
 * `runs` times after one untimed run that warms the cache, and keeps the median. The
 * previews go through one connection, whose server process's CPU is read around each run.
 */
export async function runPreviews(
  db: Db,
  options: { databaseUrl: string; profiles: number; runs: number; tenantName: string },
  progress: Progress,
): Promise<PreviewResult> {
  // Partitions for a year of events, as a deployment a year old has them.
  await maintainPartitions(db, { monthsBehind: PREVIEW_EVENT_MONTHS });
  const { tenantId } = await createTenant(db, { name: options.tenantName });
  const data = await fillPreviewTenant(db, tenantId, options.profiles, progress);
  const reader = createDb({
    databaseUrl: options.databaseUrl,
    applicationName: 'stratum-bench-previews',
    poolMax: 1,
    idleTimeoutMs: 0,
    statementTimeoutMs: 0,
  });
  const cases: PreviewTiming[] = [];
  try {
    for (const [index, { name, definition }] of PREVIEW_CASES.entries()) {
      progress.status(`${index + 1}/${PREVIEW_CASES.length} ${name}`);
      const parsed = SegmentDefinitionSchema.parse(definition);
      const now = new Date();
      const first = await previewSegment(reader, tenantId, parsed, { now });
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(reader);
      const serverCpu = serverProcessCpu(rows[0]!.pid);
      const runsMs: number[] = [];
      const cpuMs: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        const [cpuBefore, startedAt] = [serverCpu(), performance.now()];
        await previewSegment(reader, tenantId, parsed, { now });
        runsMs.push(performance.now() - startedAt);
        const cpuAfter = serverCpu();
        if (cpuBefore !== undefined && cpuAfter !== undefined) {
          cpuMs.push((cpuAfter - cpuBefore) * 1000);
        }
      }
      cases.push({
        name,
        definition,
        count: first.count,
        medianMs: median(runsMs),
        runsMs,
        serverCpuMs: cpuMs.length === options.runs ? median(cpuMs) : null,
      });
    }
  } finally {
    await reader.destroy();
  }
  progress.done(
    `slowest: ${Math.max(...cases.map((c) => c.medianMs)).toFixed(0)} ms ` +
      `(${cases.reduce((a, b) => (b.medianMs > a.medianMs ? b : a)).name})`,
  );
  return { data, runsPerCase: options.runs, cases };
}

/**
 * Reads the CPU seconds of the server process serving a connection, if that process is a
 * PostgreSQL one of this machine (a server elsewhere, or in a container, has its own pids).
 */
function serverProcessCpu(pid: number): () => number | undefined {
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // No such process here.
  }
  return command.startsWith('postgres') ? () => processCpuSeconds(pid) : () => undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
