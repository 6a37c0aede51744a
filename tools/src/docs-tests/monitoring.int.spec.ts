import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createDatabase } from '@stratum/db';
import type { DatabaseHandle, SeededTenant } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import {
  createMetrics,
  createMetricsApp,
  createRateLimiter,
  markShuttingDown,
} from '@stratum/http';
import type { RateLimiter } from '@stratum/http';
import type { Express } from 'express';
import { createTestLogger } from '@stratum/http/testing';
import {
  WORKER_TASK_NAMES,
  createAdminApp,
  createDestinationMetrics,
  createInboxMetrics,
  createIngestApp,
  createProfileApp,
  createQualityMetrics,
  createWorkerMetrics,
} from './app-entry-points';
import { headingAnchors } from './markdown-links';
import {
  allPanels,
  dashboardExpressions,
  parseAlertRules,
  parseExporterQueries,
  readMonitoringFile,
} from './monitoring-files';
import type { GrafanaDashboard } from './monitoring-files';
import { parseExposition, promqlLabelValues, promqlMetricNames } from './promql-names';
import type { ExposedMetric } from './promql-names';

const dashboard = JSON.parse(readMonitoringFile('grafana-dashboard.json')) as GrafanaDashboard;
const alerts = parseAlertRules(readMonitoringFile('alerts.yml'));
const exporterMetrics = parseExporterQueries(
  readMonitoringFile('postgres-exporter-queries.yml'),
).flatMap((q) => q.metrics);
const runbook = readFileSync(path.resolve(__dirname, '../../../docs/RUNBOOK.md'), 'utf8');
const runbookAnchors = headingAnchors(runbook);
// The job names of the runbook's Prometheus scrape config.
const scrapeJobs = [...runbook.matchAll(/^\s*- job_name: (\S+)$/gm)].map((m) => m[1]!);
// Series Prometheus itself adds to every scrape target.
const SCRAPE_SERIES = ['up'];

let testDb: TestDatabase;
let writer: DatabaseHandle;
let reader: DatabaseHandle;
let tenant: SeededTenant;
const limiters: RateLimiter[] = [];
/** Apps that read in the background (the profile cache's tail): stopped at the end. */
const drained: Express[] = [];
let exposed: Map<string, ExposedMetric>;

// What main.ts reports of its pool (bootApi), read from the handle's own pool.
function poolStats({ pool }: DatabaseHandle) {
  return () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
}

function rateLimiter(): RateLimiter {
  const limiter = createRateLimiter({
    defaultLimitPerMinute: 1000,
    prefix: 'docs-test:',
    logger: createTestLogger('error').logger,
  });
  limiters.push(limiter);
  return limiter;
}

// The apps as main.ts wires them, driven through every route the dashboard and alerts name,
// then scraped.
beforeAll(async () => {
  testDb = await createTestDatabase();
  tenant = await createTestTenant(testDb.db);
  writer = createDatabase({ databaseUrl: testDb.url });
  reader = createDatabase({ databaseUrl: testDb.url, readOnly: true });
  const config = {
    KEY_CACHE_TTL_MS: 30_000,
    TRUST_PROXY: false,
    DESTINATIONS_ALLOW_PRIVATE: false,
    DB_POOL_MAX: 10,
    STREAM_MAX_READERS: 20,
    STREAM_BUFFER_BYTES: 1_048_576,
    STREAM_POLL_MS: 250,
    PROFILE_CACHE_BYTES: 1_048_576,
    PROFILE_CACHE_MAX_LAG_MS: 1_000,
    PROFILE_CACHE_POLL_MS: 250,
  };
  const logger = createTestLogger('error').logger;

  const ingestMetrics = createMetrics();
  ingestMetrics.setPoolStatsProvider(poolStats(writer));
  const ingest = createIngestApp({
    config,
    db: writer.db,
    logger,
    metrics: ingestMetrics,
    rateLimiter: rateLimiter(),
  });
  const profileMetrics = createMetrics();
  profileMetrics.setPoolStatsProvider(poolStats(reader));
  const profile = createProfileApp({
    config,
    db: reader.db,
    logger,
    metrics: profileMetrics,
    rateLimiter: rateLimiter(),
  });
  drained.push(profile);

  const adminMetrics = createMetrics();
  adminMetrics.setPoolStatsProvider(poolStats(writer));
  const admin = createAdminApp({
    config,
    db: writer.db,
    logger,
    metrics: adminMetrics,
    rateLimiter: rateLimiter(),
  });

  const sent = await request(ingest)
    .post('/api/v1/cdp/events')
    .set('Authorization', `Bearer ${tenant.writeKey.key}`)
    .send({
      event_id: 'dashboard-1',
      type: 'track',
      name: 'Signed Up',
      identifiers: [{ type: 'email', value: 'dashboard@example.com' }],
    })
    .expect(200);
  const profileId = (sent.body as { results: [{ profile_id: string }] }).results[0].profile_id;
  const secret = `Bearer ${tenant.secretKey.key}`;
  await request(profile)
    .get(`/api/v1/cdp/profiles/${profileId}`)
    .set('Authorization', secret)
    .expect(200);
  await request(profile)
    .get('/api/v1/cdp/profiles')
    .query({ identifier_type: 'email', identifier_value: 'dashboard@example.com' })
    .set('Authorization', secret)
    .expect(200);
  await request(profile)
    .get(`/api/v1/cdp/profiles/${profileId}/events`)
    .set('Authorization', secret)
    .expect(200);
  await request(profile)
    .get(`/api/v1/cdp/profiles/${profileId}/consents`)
    .set('Authorization', secret)
    .expect(200);

  await request(admin).get('/api/v1/cdp/sources').set('Authorization', secret).expect(200);
  await request(admin).get('/api/v1/cdp/rejected-events').set('Authorization', secret).expect(200);

  const scraped: string[] = [];
  for (const [app, metrics] of [
    [ingest, ingestMetrics],
    [profile, profileMetrics],
    [admin, adminMetrics],
  ] as const) {
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(200);
    // Served by each API's metrics listener, as bootApi serves it.
    const metricsApp = createMetricsApp({ metrics, logger });
    await request(metricsApp).get('/metrics').expect(200);
    scraped.push((await request(metricsApp).get('/metrics').expect(200)).text);
  }
  // The worker's listener serves its own registry; the queue depth as an empty queue reads.
  const workerMetrics = createWorkerMetrics(WORKER_TASK_NAMES);
  workerMetrics.setPools({ tasks: { totalCount: 1, idleCount: 1, waitingCount: 0 } });
  workerMetrics.setQueueDepthProvider(() =>
    Promise.resolve({ ready: 0, scheduled: 0, running: 0, failed: 0 }),
  );
  // The source-hours task's metrics, in the worker's registry as createTasks puts them.
  const quality = createQualityMetrics(workerMetrics.registry);
  const source = { tenant_id: tenant.tenant.tenantId, source_id: tenant.source.sourceId };
  quality.matchQuality.set(source, 3.8);
  quality.volumeAnomaly.set({ ...source, kind: 'drop', severity: 'critical' }, 1);
  // The webhook tasks' metrics, in the same registry; one attempt so the histogram has series.
  createDestinationMetrics(workerMetrics.registry).attemptDuration.observe(0.05);
  // The inbox resolver's, with its depth read from the test database (an empty inbox).
  createInboxMetrics(workerMetrics.registry, testDb.db).lag.observe(0.2);
  scraped.push(
    (
      await request(createMetricsApp({ metrics: workerMetrics, logger }))
        .get('/metrics')
        .expect(200)
    ).text,
  );
  exposed = parseExposition(scraped.join('\n'));
});

afterAll(async () => {
  for (const app of drained) markShuttingDown(app);
  await Promise.all(limiters.map((l) => l.close()));
  await reader.db.destroy();
  await writer.db.destroy();
  await testDb.destroy();
});

function routesSeen(): Set<string> {
  return exposed.get('http_request_duration_seconds')?.labels.get('route') ?? new Set();
}

describe('docs/monitoring/grafana-dashboard.json', () => {
  const expressions = dashboardExpressions(dashboard);

  it('has panels with queries, unique ids, all on the chosen Prometheus data source', () => {
    const panels = allPanels(dashboard).filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThanOrEqual(12);
    const ids = allPanels(dashboard).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels) {
      expect({ title: panel.title, uid: panel.datasource?.uid }).toEqual({
        title: panel.title,
        uid: '${datasource}',
      });
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it('uses only metric names that /metrics exposes', () => {
    const used = [...new Set(expressions.flatMap(promqlMetricNames))];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('shows every CDP and HTTP metric the apps expose', () => {
    const used = new Set(
      expressions.flatMap(promqlMetricNames).map((n) => n.replace(/_(bucket|sum|count)$/, '')),
    );
    const ours = [...new Set([...exposed.values()].map((m) => m.name))].filter((n) =>
      /^(cdp|http)_/.test(n),
    );
    expect(ours.filter((name) => !used.has(name))).toEqual([]);
  });

  it("lets the Service filter choose every API of the runbook's scrape config", () => {
    const service = (dashboard.templating?.list ?? []).find((v) => v.name === 'job') as
      { regex: string; allValue: string } | undefined;
    const apiJobs = scrapeJobs.filter((job) => job.endsWith('-api'));
    expect(apiJobs).toEqual(['stratum-ingest-api', 'stratum-profile-api', 'stratum-admin-api']);
    const regex = new RegExp(`^${service!.regex.replace(/^\/|\/$/g, '')}$`);
    const all = new RegExp(`^${service!.allValue}$`);
    expect(apiJobs.filter((job) => !regex.test(job) || !all.test(job))).toEqual([]);
  });

  it('selects only route patterns the apps label requests with', () => {
    const routes = expressions.flatMap((e) => promqlLabelValues(e, 'route'));

    expect(routes).toContain('/api/v1/cdp/events');
    expect(routes.filter((r) => !routesSeen().has(r))).toEqual([]);
  });
});

describe('docs/monitoring/alerts.yml', () => {
  it('alerts on errors, latency, stalled ingestion, the database, rate-limit storms and partitions', () => {
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'StratumHighErrorRate',
        'StratumIngestLatencyP95High',
        'StratumProfileLatencyP95High',
        'StratumIngestStalled',
        'StratumDatabaseDown',
        'StratumRateLimitStorm',
        'StratumEventPartitionMissing',
      ]),
    );
    for (const alert of alerts) {
      expect({ alert: alert.alert, severity: alert.severity }).toEqual({
        alert: alert.alert,
        severity: expect.stringMatching(/^(critical|warning)$/),
      });
    }
  });

  it('uses only metrics the apps, the postgres_exporter queries or Prometheus provide', () => {
    const known = new Set([...exposed.keys(), ...exporterMetrics, ...SCRAPE_SERIES]);
    const used = alerts.flatMap((a) =>
      promqlMetricNames(a.expr).map((name) => `${a.alert}: ${name}`),
    );
    expect(used.length).toBeGreaterThan(alerts.length);
    expect(used.filter((entry) => !known.has(entry.split(': ')[1]!))).toEqual([]);
  });

  it('selects only route patterns the apps label requests with', () => {
    const routes = alerts.flatMap((a) => promqlLabelValues(a.expr, 'route'));
    expect(routes).toEqual(expect.arrayContaining(['/readyz', '/api/v1/cdp/events']));
    expect(routes.filter((r) => !routesSeen().has(r))).toEqual([]);
  });

  it('watches every API of the runbook where it watches APIs by pattern', () => {
    const apiJobs = scrapeJobs.filter((job) => job.endsWith('-api'));
    const patterns = alerts.flatMap((a) =>
      [...a.expr.matchAll(/job=~"([^"]*-api)"/g)].map((m) => ({ alert: a.alert, regex: m[1]! })),
    );
    expect(patterns.length).toBeGreaterThanOrEqual(5);
    const missed = patterns.flatMap(({ alert, regex }) =>
      apiJobs.filter((job) => !new RegExp(`^(?:${regex})$`).test(job)).map((j) => `${alert}: ${j}`),
    );
    expect(missed).toEqual([]);
  });

  it('links each alert to its section of docs/RUNBOOK.md', () => {
    for (const alert of alerts) {
      expect({ alert: alert.alert, runbook: alert.runbookUrl }).toEqual({
        alert: alert.alert,
        runbook: `docs/RUNBOOK.md#${alert.alert.toLowerCase()}`,
      });
      expect({
        alert: alert.alert,
        inRunbook: runbookAnchors.has(alert.alert.toLowerCase()),
      }).toEqual({
        alert: alert.alert,
        inRunbook: true,
      });
    }
  });
});
