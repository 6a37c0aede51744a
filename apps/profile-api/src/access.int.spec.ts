import request from 'supertest';
import { createTestTenant } from '@stratum/db/testing';
import type { AppUnderTest } from './testing/app-under-test';
import { startAppUnderTest, wireApp } from './testing/app-under-test';
import { ingestEvents } from './testing/seed';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let t: AppUnderTest;
let janeId: string;

beforeAll(async () => {
  t = await startAppUnderTest();
  [janeId] = (await ingestEvents(t.db, t.tenant.tenant.tenantId, [
    {
      eventId: 'jane-1',
      occurredAt: '2026-01-05T10:00:00.000Z',
      identifiers: [{ type: 'email', value: 'jane@example.com' }],
    },
  ])) as [string];
});

afterAll(async () => {
  await t.close();
});

describe('tenant isolation', () => {
  let otherAuth: string;

  beforeAll(async () => {
    const other = await createTestTenant(t.db);
    otherAuth = `Bearer ${other.secretKey.key}`;
  });

  it('answers another tenant’s profile exactly like an unknown one', async () => {
    const theirs = await request(t.app)
      .get(`/api/v1/cdp/profiles/${janeId}`)
      .set('Authorization', otherAuth)
      .expect(404);
    const unknown = await request(t.app)
      .get(`/api/v1/cdp/profiles/${UNKNOWN_ID}`)
      .set('Authorization', otherAuth)
      .expect(404);
    expect({ ...theirs.body, request_id: null }).toEqual({ ...unknown.body, request_id: null });
  });

  it('does not find another tenant’s profile by identifier', async () => {
    await request(t.app)
      .get('/api/v1/cdp/profiles')
      .query({ identifier_type: 'email', identifier_value: 'jane@example.com' })
      .set('Authorization', otherAuth)
      .expect(404);
  });

  it('does not list another tenant’s events or consents', async () => {
    for (const suffix of ['events', 'consents']) {
      const res = await request(t.app)
        .get(`/api/v1/cdp/profiles/${janeId}/${suffix}`)
        .set('Authorization', otherAuth)
        .expect(404);
      expect(res.body.detail).toBe('No profile with this id');
    }
  });
});

describe('authentication', () => {
  it('answers 401 without a key', async () => {
    const res = await request(t.app).get(`/api/v1/cdp/profiles/${janeId}`).expect(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  it('answers 401 for HTTP Basic: only ingestion accepts it', async () => {
    const basic = Buffer.from(`${t.tenant.secretKey.key}:`).toString('base64');
    await request(t.app)
      .get(`/api/v1/cdp/profiles/${janeId}`)
      .set('Authorization', `Basic ${basic}`)
      .expect(401);
  });

  it('rate-limits per key with Retry-After', async () => {
    const limited = wireApp(t.appDb, t.log.logger, 2);
    try {
      const hit = () =>
        request(limited.app).get(`/api/v1/cdp/profiles/${janeId}`).set('Authorization', t.auth);
      await hit().expect(200);
      await hit().expect(200);
      const res = await hit().expect(429);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.headers['content-type']).toContain('application/problem+json');
    } finally {
      await limited.close();
    }
  });

  it('answers 403 for a key without profiles:read', async () => {
    await request(t.app)
      .get(`/api/v1/cdp/profiles/${janeId}`)
      .set('Authorization', `Bearer ${t.tenant.writeKey.key}`)
      .expect(403);
  });
});
