/**
 * Every performance figure the site shows, with the benchmark run that measured it. The site
 * states nothing about speed that is not here, and measured-figures.spec.ts finds each figure
 * in docs/PERFORMANCE.md, in its run's column: when the document gets new runs, that test
 * fails until this file follows.
 */

/** One run of `npm run bench`, as docs/PERFORMANCE.md records it under "Last figures". */
interface BenchRun {
  /** The commit measured, abbreviated as the document writes it. */
  commit: string;
  /** The day of the run, YYYY-MM-DD. */
  date: string;
  /** The run's column in the document's table of last figures. */
  column: string;
  /** Profiles loaded before the load started, digits grouped as in the document. */
  profiles: string;
  /** The machine, as the document's "The machine" section names its CPUs. */
  cpus: string;
}

/** A figure and what it means; `value` and `unit` appear together, verbatim, in its row. */
export interface MeasuredFigure {
  value: string;
  unit: string;
  /** What was measured, short enough for a caption. */
  what: string;
  /** The conditions a reader needs to compare it with their own run. */
  conditions: string;
  /** The row of the document's table of last figures that holds it. */
  row: string;
  run: BenchRun;
}

export const BENCH_COMMAND = 'npm run bench';
export const BENCH_DOCUMENT = 'docs/PERFORMANCE.md';

// The first of the three full runs of ebfccca: the document gives its figures in bold.
const FULL_RUN_OF_EBFCCCA: BenchRun = {
  commit: 'ebfccca',
  date: '2026-11-23',
  column: 'Run at 15:40 UTC',
  profiles: '1,000,000',
  cpus: '2 vCPUs',
};

export const SUSTAINED_INGEST: MeasuredFigure = {
  value: '2,943',
  unit: 'events/s',
  what: 'ingest on 2 CPU cores',
  conditions:
    'sustained through the ingest API in batches of 100 from 8 clients for 60 s, with identity resolution and deduplication on',
  row: 'Sustained ingest, batches of 100, 8 clients, 60 s',
  run: FULL_RUN_OF_EBFCCCA,
};

export const MEASURED_FIGURES: readonly MeasuredFigure[] = [SUSTAINED_INGEST];
