import request from 'supertest';
import { createTestSource } from '@stratum/db/testing';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp({ rateLimitPerMinute: 100 });
});
afterAll(() => t.close());

describe('rate limiting', () => {
  it('answers the 101st request in a minute with 429, Retry-After and RateLimit headers', async () => {
    for (let i = 0; i < 100; i++) {
      const res = await request(t.app)
        .post('/api/v1/cdp/events')
        .set('Authorization', t.writeAuth)
        .send(trackEvent());
      expect(res.status).toBe(200);
    }
    const limited = await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', t.writeAuth)
      .send(trackEvent());
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit']).toBeDefined();
    const other = await createTestSource(t.testDb.db, t.tenant.tenant.tenantId);
    const otherKey = await request(t.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', `Bearer ${other.writeKey.key}`)
      .send(trackEvent());
    expect(otherKey.status).toBe(200);
  }, 60_000);
});
