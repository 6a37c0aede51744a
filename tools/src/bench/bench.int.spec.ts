import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { QUICK } from './bench-options';
import { formatReport } from './report/format-report';
import { silentProgress } from './report/progress';
import type { BenchReport } from './report/bench-report';
import { runBench } from './run-bench';

// A smoke test of the tool, not of speed: tiny durations, and no figure is compared with a
// target. It checks that a run completes, its correctness checks hold, and every figure of
// the report is there.

jest.setTimeout(120_000);

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
    expect(positive(report.memory.ingestPeakRssMb)).toBe(true);
    expect(positive(report.throughput.cpu.ingestNode)).toBe(true);
    // The server came from outside, so its processes are not watched.
    expect(report.throughput.cpu.postgres).toBeNull();
    expect(report.throughput.wal.bytes).toBeGreaterThan(0);
    expect(report.resolutionOutcomes.created).toBeGreaterThan(0);
    expect(report.targets.map((t) => t.target)).toEqual([
      '≥ 10,000 events/s',
      '< 10 ms',
      '< 50 ms',
      '< 5 ms at 1 M profiles',
      '< 300 MB',
    ]);
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
      'Correctness: all checks hold',
    ]) {
      expect(text).toContain(label);
    }
  });
});
