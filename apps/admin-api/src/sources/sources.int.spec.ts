import request from 'supertest';
import { createTestTenant } from '@stratum/db/testing';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { createIngestApp, trackEvent } from '../testing/ingest-app';
import type { IngestUnderTest } from '../testing/ingest-app';

// Sources are managed here; their write keys are used on the ingest API, over the same database.
let t: AdminTestApp;
let ingestApi: IngestUnderTest;
beforeAll(async () => {
  t = await createAdminTestApp();
  ingestApi = createIngestApp(t.testDb.db);
});
afterAll(async () => {
  await ingestApi.close();
  await t.close();
});

const base = '/api/v1/cdp/sources';

describe('sources', () => {
  it('lists the tenant sources', async () => {
    const res = await request(t.app).get(base).set('Authorization', t.secretAuth);
    expect(res.status).toBe(200);
    expect(res.body.sources).toEqual([
      expect.objectContaining({
        source_id: t.tenant.source.sourceId,
        enabled: true,
        default_country: 'US',
      }),
    ]);
  });

  it('creates a source and shows its write key once, which then ingests', async () => {
    const res = await request(t.app)
      .post(base)
      .set('Authorization', t.secretAuth)
      .send({ name: 'Mobile App', default_country: 'DE', rate_limit_per_minute: 600 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Mobile App',
      default_country: 'DE',
      rate_limit_per_minute: 600,
    });
    expect(res.body.write_key).toMatch(/^cdp_wk_[A-Za-z0-9_-]{43}$/);
    const ingest = await request(ingestApi.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', `Bearer ${res.body.write_key}`)
      .send(trackEvent({ identifiers: [{ type: 'phone', value: '030 1234567' }] }));
    expect(ingest.body.accepted).toBe(1); // national number parsed with the source's country (DE)
    const listed = await request(t.app).get(base).set('Authorization', t.secretAuth);
    expect(JSON.stringify(listed.body)).not.toContain(res.body.write_key);
  });

  it('refuses a duplicate name with 409 and a bad body with 400 naming the field', async () => {
    await request(t.app).post(base).set('Authorization', t.secretAuth).send({ name: 'Twice' });
    const again = await request(t.app)
      .post(base)
      .set('Authorization', t.secretAuth)
      .send({ name: 'Twice' });
    expect(again.status).toBe(409);
    const bad = await request(t.app)
      .post(base)
      .set('Authorization', t.secretAuth)
      .send({ name: 'X', default_country: 'germany' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('default_country');
  });

  it('disables a source: its write key then gets 403', async () => {
    const created = await request(t.app)
      .post(base)
      .set('Authorization', t.secretAuth)
      .send({ name: 'Soon Disabled' });
    const patched = await request(t.app)
      .patch(`${base}/${created.body.source_id}`)
      .set('Authorization', t.secretAuth)
      .send({ enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body.enabled).toBe(false);
    const ingest = await request(ingestApi.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', `Bearer ${created.body.write_key}`)
      .send(trackEvent());
    expect(ingest.status).toBe(403);
  });

  it('rotates the write key: the old one stops working, the new one works', async () => {
    const created = await request(t.app)
      .post(base)
      .set('Authorization', t.secretAuth)
      .send({ name: 'Rotating' });
    const rotated = await request(t.app)
      .post(`${base}/${created.body.source_id}/rotate-key`)
      .set('Authorization', t.secretAuth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.write_key).not.toBe(created.body.write_key);
    const old = await request(ingestApi.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', `Bearer ${created.body.write_key}`)
      .send(trackEvent());
    expect(old.status).toBe(401);
    const fresh = await request(ingestApi.app)
      .post('/api/v1/cdp/events')
      .set('Authorization', `Bearer ${rotated.body.write_key}`)
      .send(trackEvent());
    expect(fresh.status).toBe(200);
  });

  it('rotation reaches an ingest instance that cached the old key within its key cache TTL', async () => {
    const ttlMs = 3000;
    const cached = createIngestApp(t.testDb.db, { keyCacheTtlMs: ttlMs });
    try {
      const created = await request(t.app)
        .post(base)
        .set('Authorization', t.secretAuth)
        .send({ name: 'Rotating while cached' });
      const send = () =>
        request(cached.app)
          .post('/api/v1/cdp/events')
          .set('Authorization', `Bearer ${created.body.write_key}`)
          .send(trackEvent());
      expect((await send()).status).toBe(200);
      const rotatedAt = Date.now();
      await request(t.app)
        .post(`${base}/${created.body.source_id}/rotate-key`)
        .set('Authorization', t.secretAuth)
        .expect(200);
      // Nothing tells the other process: its cached entry still accepts the old key...
      expect((await send()).status).toBe(200);
      // ...until the entry expires.
      let status = 200;
      while (status === 200 && Date.now() - rotatedAt < ttlMs + 2000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await send()).status;
      }
      expect(status).toBe(401);
      expect(Date.now() - rotatedAt).toBeLessThan(ttlMs + 2000);
    } finally {
      await cached.close();
    }
  });

  it('answers 404 for an unknown or malformed source id', async () => {
    const unknown = await request(t.app)
      .patch(`${base}/00000000-0000-4000-8000-000000000000`)
      .set('Authorization', t.secretAuth)
      .send({ enabled: false });
    expect(unknown.status).toBe(404);
    const malformed = await request(t.app)
      .post(`${base}/not-a-uuid/rotate-key`)
      .set('Authorization', t.secretAuth);
    expect(malformed.status).toBe(404);
  });

  it.each([
    ['a lone surrogate', 'Web \ud800 shop'],
    ['a NUL character', 'Web \u0000 shop'],
  ])(
    'answers %s in a name with a 400 naming the field, creating or changing nothing',
    async (_name, name) => {
      const created = await request(t.app)
        .post(base)
        .set('Authorization', t.secretAuth)
        .send({ name });
      expect(created.status).toBe(400);
      expect(created.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(created.body.errors).toEqual([{ path: 'name', message: expect.any(String) }]);
      const source = await request(t.app)
        .post(base)
        .set('Authorization', t.secretAuth)
        .send({ name: `Kept ${_name}` });
      const patched = await request(t.app)
        .patch(`${base}/${source.body.source_id}`)
        .set('Authorization', t.secretAuth)
        .send({ name });
      expect(patched.status).toBe(400);
      expect(patched.body.errors).toEqual([{ path: 'name', message: expect.any(String) }]);
      const listed = await request(t.app).get(base).set('Authorization', t.secretAuth);
      const names = listed.body.sources.map((s: { name: string }) => s.name);
      expect(names).toContain(`Kept ${_name}`);
      expect(names.filter((n: string) => n.includes('Web'))).toEqual([]);
    },
  );

  it.each(['%00', '%ED%A0%80', '%F0%9F'])('answers a source id of %s with a 4xx', async (id) => {
    const patched = await request(t.app)
      .patch(`${base}/${id}`)
      .set('Authorization', t.secretAuth)
      .send({ enabled: false });
    expect(patched.status).toBeGreaterThanOrEqual(400);
    expect(patched.status).toBeLessThan(500);
    const rotated = await request(t.app)
      .post(`${base}/${id}/rotate-key`)
      .set('Authorization', t.secretAuth);
    expect(rotated.status).toBeGreaterThanOrEqual(400);
    expect(rotated.status).toBeLessThan(500);
  });

  it('needs the sources scopes: a write key gets 403', async () => {
    const res = await request(t.app).get(base).set('Authorization', t.writeAuth);
    expect(res.status).toBe(403);
  });

  it('tenant isolation - another tenant cannot see or touch these sources', async () => {
    const other = await createTestTenant(t.testDb.db);
    const auth = `Bearer ${other.secretKey.key}`;
    const list = await request(t.app).get(base).set('Authorization', auth);
    expect(list.body.sources.map((s: { source_id: string }) => s.source_id)).not.toContain(
      t.tenant.source.sourceId,
    );
    const patch = await request(t.app)
      .patch(`${base}/${t.tenant.source.sourceId}`)
      .set('Authorization', auth)
      .send({ enabled: false });
    expect(patch.status).toBe(404);
    const rotate = await request(t.app)
      .post(`${base}/${t.tenant.source.sourceId}/rotate-key`)
      .set('Authorization', auth);
    expect(rotate.status).toBe(404);
  });
});

describe('allowed_origins', () => {
  it('is null (any) by default, set canonical on create, changed and reset by PATCH', async () => {
    const created = await request(t.app)
      .post(base)
      .set('Authorization', t.secretAuth)
      .send({ name: 'Origins', allowed_origins: ['HTTPS://Shop.Example.com:443'] });
    expect(created.status).toBe(201);
    expect(created.body.allowed_origins).toEqual(['https://shop.example.com']);
    const id = created.body.source_id as string;
    const changed = await request(t.app)
      .patch(`${base}/${id}`)
      .set('Authorization', t.secretAuth)
      .send({ allowed_origins: ['http://localhost:8080'] });
    expect(changed.body.allowed_origins).toEqual(['http://localhost:8080']);
    const reset = await request(t.app)
      .patch(`${base}/${id}`)
      .set('Authorization', t.secretAuth)
      .send({ allowed_origins: null });
    expect(reset.status).toBe(200);
    expect(reset.body.allowed_origins).toBeNull();
    const plain = await request(t.app)
      .post(base)
      .set('Authorization', t.secretAuth)
      .send({ name: 'No origins given' });
    expect(plain.body.allowed_origins).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['an origin with a path', ['https://shop.example.com/cart'], 'allowed_origins.0'],
    ['a wildcard', ['https://a.example', 'https://*.example.com'], 'allowed_origins.1'],
    ['a string instead of a list', 'https://shop.example.com', 'allowed_origins'],
    ['too many', Array.from({ length: 51 }, (_, i) => `https://s${i}.example`), 'allowed_origins'],
  ])('refuses %s with 400 naming the field', async (_label, origins, path) => {
    const res = await request(t.app)
      .patch(`${base}/${t.tenant.source.sourceId}`)
      .set('Authorization', t.secretAuth)
      .send({ allowed_origins: origins });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
  });
});

describe('the sources routes', () => {
  it('have no CORS: no preflight answer, no Allow-Origin', async () => {
    const preflight = await request(t.app)
      .options(base)
      .set('Origin', 'https://shop.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    const list = await request(t.app)
      .get(base)
      .set('Origin', 'https://shop.example.com')
      .set('Authorization', t.secretAuth);
    expect(list.status).toBe(200);
    expect(list.headers['access-control-allow-origin']).toBeUndefined();
  });
});
