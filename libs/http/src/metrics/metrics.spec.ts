import express from 'express';
import request from 'supertest';
import { errorHandler, notFoundHandler } from '../errors/error-handler';
import { createTestLogger } from '../testing';
import { createMetrics } from './metrics';
import { metricsRoute, observeRequests } from './metrics.middleware';

function buildApp() {
  const metrics = createMetrics();
  const app = express();
  app.use(observeRequests(metrics));
  const profiles = express.Router();
  profiles.get('/:id', (_req, res) => {
    metrics.profileLookups.inc({ result: 'found' });
    res.json({});
  });
  app.use('/api/v1/cdp/profiles', profiles);
  app.get('/metrics', metricsRoute(metrics));
  app.use(notFoundHandler);
  app.use(errorHandler(createTestLogger().logger));
  return { app, metrics };
}

describe('metrics', () => {
  it('exposes every contracted metric name and the process metrics', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    for (const name of [
      'http_request_duration_seconds',
      'cdp_events_total',
      'cdp_events_rejected_total',
      'cdp_resolution_outcomes_total',
      'cdp_db_pool_connections',
      'cdp_rate_limited_total',
      'cdp_profile_lookups_total',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(res.text).toContain(`# TYPE ${name} `);
    }
    expect(res.text).toContain('cdp_events_total{status="duplicate"} 0');
    expect(res.text).toContain('cdp_events_rejected_total{reason="mapping_failed"} 0');
    expect(res.text).toContain('cdp_resolution_outcomes_total{outcome="protected"} 0');
  });

  it('observes durations by route pattern, never by raw URL', async () => {
    const { app, metrics } = buildApp();
    await request(app).get('/api/v1/cdp/profiles/5e0b7a9c-secret-id');
    await request(app).get('/no/such/path-9f8e');
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/api/v1/cdp/profiles/:id",status="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1',
    );
    expect(text).not.toContain('5e0b7a9c');
    expect(text).not.toContain('path-9f8e');
    expect(text).toContain('cdp_profile_lookups_total{result="found"} 1');
  });

  it('reads pool connections from the provider at scrape time', async () => {
    const { metrics } = buildApp();
    let waiting = 0;
    metrics.setPoolStatsProvider(() => ({ total: 7, idle: 3, waiting }));
    waiting = 2;
    const text = await metrics.registry.metrics();
    expect(text).toContain('cdp_db_pool_connections{state="total"} 7');
    expect(text).toContain('cdp_db_pool_connections{state="idle"} 3');
    expect(text).toContain('cdp_db_pool_connections{state="waiting"} 2');
  });

  it('keeps registries of separate apps apart', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.rateLimited.inc();
    expect(await first.registry.metrics()).toContain('cdp_rate_limited_total 1');
    expect(await second.registry.metrics()).toContain('cdp_rate_limited_total 0');
  });
});
