import { hitShare } from '../phases/lookup.phase';
import type { LatencySummary } from '../load/latency';
import type { BenchReport } from './bench-report';

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => value.toFixed(1);
const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const latency = (l: LatencySummary) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} ms`;
const seconds = (l: LatencySummary) =>
  `${(l.p50 / 1000).toFixed(2)} / ${(l.p95 / 1000).toFixed(2)} / ${(l.p99 / 1000).toFixed(2)} s`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) =>
    r
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join('   ')
      .trimEnd(),
  );
}

/** The report as the plain-text table `npm run bench` prints. */
export function formatReport(report: BenchReport): string {
  const t = report.throughput;
  const cpu = t.cpu;
  const settings = report.database.settings;
  const lines: string[] = [
    '',
    `Stratum CDP benchmark: ${report.mode} run of ${report.startedAt}, ${n(report.durationSeconds)} s`,
    `Machine    ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb.toFixed(1)} GB RAM, ` +
      `load average at start ${report.machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')}`,
    `Software   Node ${report.machine.node}, PostgreSQL ${settings.server_version ?? '?'} (${report.database.kind}; ` +
      `shared_buffers ${settings.shared_buffers ?? '?'}, synchronous_commit ${settings.synchronous_commit ?? '?'}, ` +
      `fsync ${settings.fsync ?? '?'}, max_wal_size ${settings.max_wal_size ?? '?'}), all on this machine`,
    `Apps       ${Object.entries(report.apps)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `Load       ${n(report.load.knownCustomers)} known customers, Zipf s=${report.load.zipfExponent} ` +
      `(busiest customer ${pct(report.load.topCustomerShare)} of events), ${pct(report.load.newCustomerShare)} new people, ` +
      `${pct(report.load.retryShare)} retries, ${report.load.identifiersPerEvent} identifiers an event, ` +
      `${n(report.load.eventBytes)} B an event (properties ${n(report.load.propertiesBytes)} B)`,
    '',
    ...table([
      ['Figure', 'Value', 'Target'],
      [
        `Ingest, sustained ${n(t.seconds)} s, batches of ${t.batchSize}, ${t.concurrency} in flight`,
        `${n(t.eventsPerSecond)} events/s (${n(t.requests / t.seconds)} requests/s)`,
        mark(report, 'ingest throughput'),
      ],
      ['  batch latency under that load p50/p95/p99', latency(t.latency), ''],
      [
        `Batch-100 latency at ${report.batchLatency.ratePerSecond} requests/s (open loop) p50/p95/p99`,
        latency(report.batchLatency.latency),
        mark(report, 'batch-100 p95'),
      ],
      [
        `Single-event latency at ${n(report.singleLatency.ratePerSecond)} requests/s (open loop) p50/p95/p99`,
        latency(report.singleLatency.latency),
        mark(report, 'single-event p95 at'),
      ],
      [
        `Raw COPY of the same event rows into cdp_events (${n(report.copy.rows)} rows)`,
        `${n(report.copy.rowsPerSecond)} rows/s`,
        '',
      ],
      ['API events/s ÷ COPY rows/s', report.copy.apiToCopyRatio.toFixed(2), ''],
      [
        `Profile look-up by email at ${n(report.lookup.openLoop.ratePerSecond)} requests/s, ${n(report.lookup.profiles)} profiles`,
        latency(report.lookup.openLoop.latency),
        mark(report, 'look-up p95'),
      ],
      [
        `Profile look-up, customers skewed as the ingest load (Zipf ${report.lookup.skewed.zipfExponent}), same rate; answered from the cache`,
        `${latency(report.lookup.skewed.latency)}; ${hitShare(report.lookup.skewed.cache)}`,
        '',
      ],
      [
        'Profile look-ups answered from the cache, customers uniform',
        hitShare(report.lookup.openLoop.cache),
        '',
      ],
      [
        'Profile cache lag behind the database during sustained ingest p50/p95/p99 (max)',
        `${latency(report.lookup.cacheLagUnderIngest)} (${ms(report.lookup.cacheLagUnderIngest.max)} ms)`,
        '',
      ],
      [
        `Profile look-up, ${report.lookup.closedLoop.concurrency} clients flat out`,
        `${n(report.lookup.closedLoop.requestsPerSecond)} requests/s, p95 ${ms(report.lookup.closedLoop.latency.p95)} ms`,
        '',
      ],
      ...asyncRows(report),
      ...exportRows(report),
      ...freshnessRows(report),
      ...deliveriesRows(report),
      [
        'Ingest process peak RSS',
        `${n(report.memory.ingestPeakRssMb)} MB`,
        mark(report, 'ingest process peak RSS'),
      ],
      [
        `CPU while sustained, in cores of ${cpu.machineCores}`,
        `ingest Node ${core(cpu.ingestNode)}, PostgreSQL ${core(cpu.postgres)}, worker ${core(cpu.workerNode)}, ` +
          `load generator ${core(cpu.loadGenerator)}, other ${core(cpu.other)}, idle ${core(cpu.idle)}`,
        '',
      ],
      [
        'WAL while sustained (whole server)',
        `${n(t.wal.bytes / 1024 ** 2)} MB, ${n(t.wal.bytes / Math.max(1, t.eventsAccepted))} B an event, ` +
          `${n(t.wal.fullPageImages)} full-page images, ${t.wal.checkpoints} checkpoints`,
        '',
      ],
      [
        'Resolution outcomes',
        Object.entries(report.resolutionOutcomes)
          .map(([k, v]) => `${k} ${n(v)}`)
          .join(', '),
        '',
      ],
      [
        'Bulk load of profiles',
        `${n(report.profilesLoad.profiles)} profiles + ${n(report.profilesLoad.identifiers)} identifiers in ` +
          `${report.profilesLoad.seconds.toFixed(1)} s`,
        '',
      ],
      ...previewRows(report),
    ]),
    '',
    `Correctness: ${report.correctness.ok ? 'all checks hold' : 'FAILED'}`,
    ...report.correctness.checks.map((c) => `  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`),
  ];
  const statementTable = (title: string, statements: BenchReport['statements']) => {
    if (statements === undefined) return;
    lines.push('', title);
    lines.push(
      ...table([
        ['total ms', 'calls', 'mean ms', 'statement'],
        ...statements.map((s) => [n(s.totalMs), n(s.calls), s.meanMs.toFixed(3), s.query]),
      ]).map((l) => `  ${l}`),
    );
  };
  statementTable(
    'PostgreSQL statements while sustained (pg_stat_statements, by total time)',
    report.statements,
  );
  statementTable('PostgreSQL statements during the look-ups', report.lookupStatements);
  if (report.cpuProfile) {
    const p = report.cpuProfile;
    lines.push('', `Ingest API CPU profile (${p.file}), ${n(p.totalMs)} ms sampled`);
    lines.push('  by package: ' + p.byPackage.map((e) => `${e.name} ${pct(e.share)}`).join(', '));
    lines.push(...p.topFunctions.map((e) => `  ${pct(e.share).padStart(7)}  ${e.name}`));
  }
  return `${lines.join('\n')}\n`;
}

function core(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

function asyncRows(report: BenchReport): string[][] {
  const a = report.asyncIngest;
  const c = a.cpu;
  // Past the histogram's last bound (60 s) it can only say so.
  const lag = (value: number | null) =>
    value === null ? 'n/a' : value >= 60 ? '≥ 60 s' : `${value.toFixed(2)} s`;
  return [
    [
      `Sustained ingest answered 202 (inbox), batches of ${a.batchSize}, ${a.concurrency} in flight: accepted / resolved meanwhile`,
      `${n(a.acceptedPerSecond)} / ${n(a.resolvedPerSecond)} events/s over ${a.seconds.toFixed(1)} s`,
      mark(report, 'ingest end to end answered 202'),
    ],
    [
      '  end to end (accepted, resolved and stored, drain included); inbox depth start → end (max)',
      `${n(a.endToEndPerSecond)} events/s; ${n(a.depth.start)} → ${n(a.depth.end)} (max ${n(a.depth.max)}), drained in ${a.drainSeconds.toFixed(1)} s`,
      '',
    ],
    ['  inbox depth each second', a.depth.perSecond.map((d) => n(d)).join(' '), ''],
    [
      '  resolution lag p50 / p99 (worker histogram); 202 answer p50 / p95 under this load',
      `${lag(a.lag.p50)} / ${lag(a.lag.p99)}; ${ms(a.latency.p50)} / ${ms(a.latency.p95)} ms`,
      '',
    ],
    [
      '  CPU meanwhile, in cores; WAL',
      `ingest Node ${core(c.ingestNode)}, PostgreSQL ${core(c.postgres)}, worker ${core(c.workerNode)}, ` +
        `idle ${core(c.idle)}; ${n(a.wal.bytes / Math.max(1, a.queued))} B an event`,
      '',
    ],
    [
      `Single event answered 202 at ${n(a.singleLatency.ratePerSecond)} requests/s`,
      latency(a.singleLatency.latency),
      mark(report, 'single-event p95 answered 202'),
    ],
  ];
}

function freshnessRows(report: BenchReport): string[][] {
  const f = report.freshness;
  const c = f.cpu;
  return [
    [
      `Segment membership freshness, sustained ${n(f.seconds)} s with the worker: answer → member row p50/p95/p99`,
      `${seconds(f.lag)} (${n(f.lag.count)} samples)`,
      mark(report, 'segment membership freshness'),
    ],
    ...f.segments.map((s) => [`  ${s.name}`, `${seconds(s.lag)} (${n(s.lag.count)} samples)`, '']),
    [
      '  ingest meanwhile; worker feed lag (scraped each second); samples never seen',
      `${n(f.eventsPerSecond)} events/s; max ${f.feedLagMaxSeconds === null ? 'n/a' : `${f.feedLagMaxSeconds.toFixed(1)} s`}; ` +
        `${f.unresolved}`,
      '',
    ],
    [
      '  CPU meanwhile, in cores',
      `ingest Node ${c.ingestNode.toFixed(2)}, PostgreSQL ${c.postgres === null ? 'n/a' : c.postgres.toFixed(2)}, ` +
        `worker ${c.workerNode.toFixed(2)}, idle ${c.idle.toFixed(2)}`,
      '',
    ],
  ];
}

function deliveriesRows(report: BenchReport): string[][] {
  const d = report.deliveries;
  if (d === undefined) return [];
  const c = d.cpu;
  return [
    [
      `Webhook deliveries to a local receiver, ${n(d.seconds)} s of ingest at ${n(d.ratePerSecond)} events/s ` +
        `(open loop, batches of ${d.batchSize})`,
      `${n(d.deliveriesPerSecond)} deliveries/s (${n(d.delivered)} of ${n(d.expected)} events; ` +
        `worker caught up with the feed first in ${d.settledSeconds.toFixed(1)} s)`,
      mark(report, 'webhook deliveries'),
    ],
    [
      '  ingest answer → receiver arrival p50/p95/p99, max',
      `${seconds(d.latency)}, max ${(d.latency.max / 1000).toFixed(2)} s`,
      '',
    ],
    [
      '  undelivered; duplicates (same webhook-id); bad signatures (every request verified)',
      `${n(d.undelivered)}; ${n(d.duplicates)}; ${n(d.signatureFailures)} of ${n(d.requests)}`,
      '',
    ],
    [
      '  CPU meanwhile, in cores',
      `worker ${c.workerNode.toFixed(2)}, ingest Node ${c.ingestNode.toFixed(2)}, ` +
        `PostgreSQL ${c.postgres === null ? 'n/a' : c.postgres.toFixed(2)}, ` +
        `load generator and receiver ${c.loadGenerator.toFixed(2)}, other ${c.other.toFixed(2)}, ` +
        `idle ${c.idle.toFixed(2)}`,
      '',
    ],
  ];
}

function previewRows(report: BenchReport): string[][] {
  const p = report.preview;
  if (p === undefined) return [];
  return [
    [
      `Segment preview (count and 20 ids), ${n(p.data.profiles)} profiles, ${n(p.data.events)} events, ` +
        `${n(p.data.consents)} consents: median of ${p.runsPerCase}`,
      '',
      mark(report, 'slowest segment preview'),
    ],
    ...p.cases.map((c) => [
      `  ${c.name}`,
      `${n(c.medianMs)} ms (${n(c.count)} members)` +
        (c.serverCpuMs === null ? '' : `, PostgreSQL CPU ${n(c.serverCpuMs)} ms`),
      '',
    ]),
  ];
}

function exportRows(report: BenchReport): string[][] {
  return report.exports.runs.map((run) => [
    `Profile export as ${run.format.toUpperCase()}, ${n(run.rows)} rows (${n(run.bytes / 1024 ** 2)} MB): ` +
      'profile API RSS before → peak; CPU in cores (API Node, PostgreSQL)',
    `${n(run.rowsPerSecond)} rows/s; ${n(run.profileRssMb.before)} → ${n(run.profileRssMb.peak)} MB; ` +
      `${run.cpu.profileNode?.toFixed(2) ?? 'n/a'}, ${run.cpu.postgres?.toFixed(2) ?? 'n/a'}`,
    run.format === 'csv' ? mark(report, 'profile export') : '',
  ]);
}

/** The target whose name starts with `name`, met or not. */
function mark(report: BenchReport, name: string): string {
  const target = report.targets.find((t) => t.name.startsWith(name));
  return target === undefined ? '' : `${target.target} ${target.met ? '✓' : '✗'}`;
}
