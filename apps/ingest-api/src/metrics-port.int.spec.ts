import request from 'supertest';
import { createMetricsApp } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import { createIngestTestApp, trackEvent } from './testing/ingest-test-app';
import type { IngestTestApp } from './testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

describe('metrics', () => {
  it('are not served on the public port', async () => {
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.text).not.toContain('cdp_');
  });

  it('count what the public port did, on the metrics listener', async () => {
    await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', t.writeAuth)
      .send(trackEvent())
      .expect(200);
    const scraped = await request(
      createMetricsApp({ metrics: t.metrics, logger: createTestLogger().logger }),
    )
      .get('/metrics')
      .expect(200);
    expect(scraped.text).toContain('cdp_events_total{status="accepted"} 1');
    expect(scraped.text).toContain('route="/api/v1/cdp/events",status="200"');
  });
});
