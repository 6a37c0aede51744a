import type { AsyncIngestResult } from '../phases/async-ingest.phase';
import type { CpuProfileSummary } from '../monitor/cpu-profile';
import type { StatementCost } from '../monitor/pg-statements';
import type { WalUsage } from '../monitor/wal-stats';
import type { CopyResult } from '../phases/copy-reference.phase';
import type { CorrectnessCheck } from '../phases/correctness.phase';
import type { DeliveriesResult } from '../phases/deliveries.phase';
import type { ExportResult } from '../phases/export.phase';
import type { FreshnessResult } from '../phases/freshness.phase';
import type { OpenLoopLatency } from '../phases/ingest-latency.phase';
import type { ProfilesLoadResult } from '../phases/load-profiles.phase';
import type { LatencySummary } from '../load/latency';
import type { LookupResult } from '../phases/lookup.phase';
import type { PreviewResult } from '../phases/preview.phase';
import type { ThroughputResult } from '../phases/throughput.phase';

/** A speed target of SPEC §9 and whether the run met it. */
export interface TargetResult {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

/** Everything one run measured; printed as a table and written as JSON. */
export interface BenchReport {
  startedAt: string;
  mode: 'full' | 'quick' | 'custom';
  durationSeconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    loadAverageAtStart: number[];
  };
  database: {
    kind: 'embedded' | 'server' | 'database';
    settings: Record<string, string>;
  };
  apps: Record<string, string>;
  load: {
    knownCustomers: number;
    zipfExponent: number;
    topCustomerShare: number;
    newCustomerShare: number;
    retryShare: number;
    identifiersPerEvent: string;
    eventBytes: number;
    propertiesBytes: number;
  };
  profilesLoad: ProfilesLoadResult;
  throughput: ThroughputResult & { wal: WalUsage };
  batchLatency: OpenLoopLatency;
  singleLatency: OpenLoopLatency;
  /** The same load answered 202 (`Prefer: respond-async`), resolved by the worker. */
  asyncIngest: AsyncIngestResult & {
    wal: WalUsage;
    singleLatency: OpenLoopLatency;
    statements?: StatementCost[];
  };
  copy: CopyResult & { apiToCopyRatio: number };
  lookup: LookupResult & {
    /** The profile cache's lag behind the database, sampled during both sustained ingests. */
    cacheLagUnderIngest: LatencySummary;
  };
  exports: ExportResult;
  freshness: FreshnessResult;
  /** Absent when the webhook deliveries were skipped (`--no-deliveries`). */
  deliveries?: DeliveriesResult;
  /** Absent when the previews were skipped (`--no-preview`). */
  preview?: PreviewResult;
  memory: { ingestPeakRssMb: number; ingestRssAtEndMb: number };
  resolutionOutcomes: Record<string, number>;
  correctness: { ok: boolean; checks: CorrectnessCheck[] };
  targets: TargetResult[];
  /** pg_stat_statements while sustained, and during the look-ups. */
  statements?: StatementCost[];
  lookupStatements?: StatementCost[];
  cpuProfile?: CpuProfileSummary;
}

/** The slowest preview's median, if the previews ran. */
function slowestPreview(report: Pick<BenchReport, 'preview'>) {
  const cases = report.preview?.cases ?? [];
  return cases.length === 0
    ? undefined
    : cases.reduce((slowest, c) => (c.medianMs > slowest.medianMs ? c : slowest));
}

/** Compares the figures with the targets of SPEC §9, §11 and §16. */
export function evaluateTargets(report: Omit<BenchReport, 'targets'>): TargetResult[] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const lookupScope =
    report.lookup.profiles >= 1_000_000
      ? ''
      : ` (only ${report.lookup.profiles.toLocaleString('en-US')} profiles)`;
  return [
    {
      name: 'ingest throughput, batches of 100',
      target: '≥ 10,000 events/s',
      value: `${Math.round(report.throughput.eventsPerSecond).toLocaleString('en-US')} events/s`,
      met: report.throughput.eventsPerSecond >= 10_000,
    },
    {
      name: 'ingest end to end answered 202 (inbox), batches of 100',
      target: '≥ 10,000 events/s, inbox not growing',
      value:
        `${Math.round(report.asyncIngest.endToEndPerSecond).toLocaleString('en-US')} events/s ` +
        `(inbox ${report.asyncIngest.depth.start} → ${report.asyncIngest.depth.end})`,
      met:
        report.asyncIngest.endToEndPerSecond >= 10_000 &&
        report.asyncIngest.depth.end <=
          report.asyncIngest.depth.start +
            report.asyncIngest.batchSize * report.asyncIngest.concurrency,
    },
    {
      name: `single-event p95 answered 202 at ${report.asyncIngest.singleLatency.ratePerSecond} requests/s`,
      target: '< 10 ms',
      value: ms(report.asyncIngest.singleLatency.latency.p95),
      met: report.asyncIngest.singleLatency.latency.p95 < 10,
    },
    {
      name: `single-event p95 at ${report.singleLatency.ratePerSecond} requests/s`,
      target: '< 10 ms',
      value: ms(report.singleLatency.latency.p95),
      met: report.singleLatency.latency.p95 < 10,
    },
    {
      name: `batch-100 p95 at ${report.batchLatency.ratePerSecond} requests/s`,
      target: '< 50 ms',
      value: ms(report.batchLatency.latency.p95),
      met: report.batchLatency.latency.p95 < 50,
    },
    {
      name: `look-up p95 at ${report.lookup.openLoop.ratePerSecond} requests/s${lookupScope}`,
      target: '< 5 ms at 1 M profiles',
      value: ms(report.lookup.openLoop.latency.p95),
      met: report.lookup.openLoop.latency.p95 < 5 && report.lookup.profiles >= 1_000_000,
    },
    {
      name: 'ingest process peak RSS',
      target: '< 300 MB',
      value: `${Math.round(report.memory.ingestPeakRssMb)} MB`,
      met: report.memory.ingestPeakRssMb < 300,
    },
    {
      name: 'segment membership freshness p99 under sustained ingest',
      target: '≤ 5 s',
      value: `${(report.freshness.lag.p99 / 1000).toFixed(2)} s`,
      met:
        report.freshness.lag.count > 0 &&
        report.freshness.unresolved === 0 &&
        report.freshness.lag.p99 <= 5000,
    },
    ...previewTarget(report),
    ...exportTarget(report),
    ...deliveriesTarget(report),
  ];
}

function previewTarget(report: Omit<BenchReport, 'targets'>): TargetResult[] {
  const slowest = slowestPreview(report);
  if (report.preview === undefined || slowest === undefined) return [];
  const profiles = report.preview.data.profiles;
  const scope = profiles >= 1_000_000 ? '' : ` (only ${profiles.toLocaleString('en-US')} profiles)`;
  return [
    {
      name: `slowest segment preview${scope}`,
      target: '< 2 s at 1 M profiles',
      value: `${(slowest.medianMs / 1000).toFixed(2)} s (${slowest.name})`,
      met: slowest.medianMs < 2000 && profiles >= 1_000_000,
    },
  ];
}

function exportTarget(report: Omit<BenchReport, 'targets'>): TargetResult[] {
  const csv = report.exports.runs.find((run) => run.format === 'csv');
  if (csv === undefined) return [];
  const scope = csv.rows >= 1_000_000 ? '' : ` (only ${csv.rows.toLocaleString('en-US')} rows)`;
  return [
    {
      name: `profile export as CSV through the profile API${scope}`,
      target: '≥ 50,000 rows/s over 1 M profiles',
      value: `${Math.round(csv.rowsPerSecond).toLocaleString('en-US')} rows/s`,
      met: csv.rowsPerSecond >= 50_000 && csv.rows >= 1_000_000,
    },
  ];
}

function deliveriesTarget(report: Omit<BenchReport, 'targets'>): TargetResult[] {
  const d = report.deliveries;
  if (d === undefined) return [];
  // Every accepted event must arrive, signed, for the rate to count.
  const lost = d.undelivered + d.signatureFailures;
  return [
    {
      name: `webhook deliveries to a local receiver at ${d.ratePerSecond.toLocaleString('en-US')} events/s`,
      target: '≥ 1,000 deliveries/s',
      value:
        `${Math.round(d.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s` +
        (lost > 0 ? `, ${d.undelivered} undelivered, ${d.signatureFailures} bad signatures` : ''),
      met: d.deliveriesPerSecond >= 1000 && lost === 0 && d.delivered > 0,
    },
  ];
}
