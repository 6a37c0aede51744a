import request from 'supertest';
import { createTestSource } from '@stratum/db/testing';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

const SHOP = 'https://shop.example.com';
const OTHER = 'https://evil.example.net';
const EVENTS = '/api/v1/cdp/events';

async function storedEvents(eventId: string): Promise<number> {
  const rows = await t.testDb.db
    .selectFrom('cdp_events')
    .select('event_id')
    .where('tenant_id', '=', t.tenant.tenant.tenantId)
    .where('event_id', '=', eventId)
    .execute();
  return rows.length;
}

/** A new source with these allowed origins (made as the admin API does), and its write key. */
async function sourceAllowing(name: string, origins: string[] | null): Promise<string> {
  const created = await createTestSource(t.testDb.db, t.tenant.tenant.tenantId, {
    name,
    allowedOrigins: origins,
  });
  return created.writeKey.key;
}

describe('CORS preflight on the ingestion routes', () => {
  it.each([EVENTS, `${EVENTS}/`, '/v1/t', '/v1/batch/', '/v1/identify', '/batch', '/i/v0/e/'])(
    'answers OPTIONS %s for any origin, without a key',
    async (path) => {
      const res = await request(t.app)
        .options(path)
        .set('Origin', OTHER)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,authorization');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(OTHER);
      expect(res.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
      expect(res.headers['access-control-allow-headers']).toBe(
        'Content-Type, Authorization, Content-Encoding, X-Retry-Count',
      );
      expect(res.headers['access-control-max-age']).toBe('86400');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers.vary).toMatch(/Origin/);
    },
  );
});

describe('CORS on the requests themselves', () => {
  it('lets any origin read the answer when the source allows any (the default)', async () => {
    const event = trackEvent();
    const res = await request(t.app)
      .post(EVENTS)
      .set('Origin', OTHER)
      .set('Authorization', t.writeAuth)
      .send(event);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(OTHER);
    expect(res.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    expect(await storedEvents(event.event_id as string)).toBe(1);
  });

  it('lets the page read an error answer too (a bad key)', async () => {
    const res = await request(t.app)
      .post('/v1/t')
      .set('Origin', SHOP)
      .type('text/plain')
      .send('{}');
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP);
  });

  it('accepts a listed origin, and refuses another with 403 naming Origin, storing nothing', async () => {
    const key = await sourceAllowing('Shop only', [SHOP, 'http://localhost:8080']);
    const allowed = trackEvent();
    const ok = await request(t.app)
      .post(EVENTS)
      .set('Origin', SHOP)
      .set('Authorization', `Bearer ${key}`)
      .send(allowed);
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(SHOP);

    const refused = trackEvent();
    const res = await request(t.app)
      .post(EVENTS)
      .set('Origin', OTHER)
      .set('Authorization', `Bearer ${key}`)
      .send(refused);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { path: 'Origin', message: "is not one of the source's allowed_origins" },
    ]);
    // The refusing page cannot read the answer.
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(await storedEvents(refused.event_id as string)).toBe(0);
  });

  it('enforces the list on the vendor routes, with the key in the body', async () => {
    const key = await sourceAllowing('Shop via analytics.js', [SHOP]);
    const message = (id: string) =>
      JSON.stringify({ writeKey: key, messageId: id, anonymousId: 'a-1', event: 'Viewed' });
    const ok = await request(t.app)
      .post('/v1/t')
      .set('Origin', SHOP)
      .type('text/plain')
      .send(message('cors-vendor-ok'));
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(SHOP);
    const res = await request(t.app)
      .post('/v1/t')
      .set('Origin', 'https://shop.example.com:8443')
      .type('text/plain')
      .send(message('cors-vendor-refused'));
    expect(res.status).toBe(403);
    expect(res.body.errors[0].path).toBe('Origin');
    expect(await storedEvents('cors-vendor-ok')).toBe(1);
    expect(await storedEvents('cors-vendor-refused')).toBe(0);
  });

  it('refuses every page when the list is empty, and lets servers (no Origin) send', async () => {
    const key = await sourceAllowing('Server only', []);
    const page = await request(t.app)
      .post(EVENTS)
      .set('Origin', SHOP)
      .set('Authorization', `Bearer ${key}`)
      .send(trackEvent());
    expect(page.status).toBe(403);
    const server = await request(t.app)
      .post(EVENTS)
      .set('Authorization', `Bearer ${key}`)
      .send(trackEvent());
    expect(server.status).toBe(200);
    expect(server.headers['access-control-allow-origin']).toBeUndefined();
  });
});

// The sources routes, on the admin API, are checked there.
describe('the routes that need a secret key', () => {
  it('have no CORS: no preflight answer, no Allow-Origin', async () => {
    const consents = await request(t.app).options('/api/v1/cdp/consents').set('Origin', SHOP);
    expect(consents.headers['access-control-allow-origin']).toBeUndefined();
  });
});
