import request from 'supertest';
import { createApiKey } from '@stratum/db';
import { createTestTenant } from '@stratum/db/testing';
import { createSegment } from '@stratum/segments';
import { verifyWebhook, webhookHeaders } from '@stratum/webhooks';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';

// Production settings: private targets refused (destinations-private.int.spec.ts has the rest).
let t: AdminTestApp;
beforeAll(async () => {
  t = await createAdminTestApp();
}, 60_000);
afterAll(() => t.close());

const BASE = '/api/v1/cdp/destinations';
const URL = 'https://hooks.example.com/stratum';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const post = (body: object, auth = t.secretAuth) =>
  request(t.app).post(BASE).set('Authorization', auth).send(body);

async function keyWith(scopes: Parameters<typeof createApiKey>[1]['scopes']) {
  const key = await createApiKey(t.testDb.db, {
    tenantId: t.tenant.tenant.tenantId,
    name: `test ${scopes.join(' ')}`,
    scopes,
  });
  return `Bearer ${key.key}`;
}

describe('POST /destinations', () => {
  it('creates a destination and shows its secret once, which signs verifiable deliveries', async () => {
    const res = await post({
      name: 'CRM',
      url: URL,
      events: { types: ['track', 'identify'], names: ['Order Completed'] },
      profile_updates: true,
      consent_purpose: 'marketing',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      destination_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'CRM',
      url: URL,
      events: { types: ['track', 'identify'], names: ['Order Completed'] },
      segments: [],
      profile_updates: true,
      consent_purpose: 'marketing',
      alerts: false,
      enabled: true,
      disabled_reason: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_/),
    });
    const message = { id: 'msg_x', timestamp: Math.floor(Date.now() / 1000), body: '{"a":1}' };
    const headers = webhookHeaders([res.body.secret as string], message);
    expect(verifyWebhook(res.body.secret as string, headers, message.body)).toEqual({ ok: true });

    const id = res.body.destination_id as string;
    const read = await request(t.app).get(`${BASE}/${id}`).set('Authorization', t.secretAuth);
    const list = await request(t.app).get(BASE).set('Authorization', t.secretAuth);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    expect(list.body.destinations).toContainEqual(read.body);
  });

  it('takes `events: {}` as every event type, and segments of the tenant only', async () => {
    const created = await createSegment(t.testDb.db, t.tenant.tenant.tenantId, {
      name: 'Pro',
      definition: { trait: 'plan', op: 'eq', value: 'pro' },
    });
    if (!created.ok) throw new Error(created.error);
    const segmentId = created.value.segmentId;
    const res = await post({ name: 'All', url: URL, events: {}, segments: [segmentId] });
    expect(res.status).toBe(201);
    expect(res.body.events).toEqual({
      types: ['track', 'identify', 'page', 'screen', 'alias'],
      names: null,
    });
    expect(res.body.segments).toEqual([segmentId]);

    const refused = await post({ name: 'X', url: URL, segments: [segmentId, UNKNOWN_ID] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'segments.1', message: 'is not a segment of this tenant' },
    ]);
  });

  it.each([
    ['a loopback address', 'http://127.0.0.1:8080/in', 'private, loopback or link-local'],
    ['a private address', 'https://10.1.2.3/in', 'private, loopback or link-local'],
    ['the cloud metadata address', 'http://169.254.169.254/latest', 'link-local'],
    ['an IPv6 loopback', 'http://[::1]/in', 'private, loopback or link-local'],
    ['a mapped IPv4 address', 'http://[::ffff:192.168.0.1]/in', 'private'],
    ['localhost', 'http://localhost:3000/in', 'local host'],
    ['an .internal name', 'https://db.internal/in', 'local host'],
    ['credentials', 'https://user:pw@hooks.example.com/in', 'user name or password'],
    ['another scheme', 'ftp://hooks.example.com/in', 'http or https'],
    ['no URL', 'hooks.example.com/in', 'absolute http(s) URL'],
  ])('refuses %s as url with a 400 naming `url`', async (_label, url, words) => {
    const res = await post({ name: 'SSRF', url });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: 'url', message: expect.stringContaining(words) }]);
  });

  it.each([
    [{ url: URL }, 'name', 'is required'],
    [{ name: 'A', url: URL, events: { types: ['click'] } }, 'events.types.0', 'must be one of'],
    [{ name: 'A', url: URL, events: { names: [] } }, 'events.names', 'at least one'],
    [{ name: 'A', url: URL, segments: ['nope'] }, 'segments.0', 'must be a UUID'],
    [{ name: 'A', url: URL, consent_purpose: 'spam' }, 'consent_purpose', 'must be one of'],
    [{ name: 'A', url: URL, profile_updates: 'yes' }, 'profile_updates', 'must be a boolean'],
    [{ name: 'A', url: URL, alerts: 'yes' }, 'alerts', 'must be a boolean'],
    [{ name: ' ', url: URL }, 'name', 'must be 1 to 200 characters'],
  ])('refuses %j with a 400 naming %s', async (body, path, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('takes `alerts`, and shows it on reads', async () => {
    const res = await post({ name: 'Alerts', url: URL, alerts: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ alerts: true, events: null, profile_updates: false });
    const read = await request(t.app)
      .get(`${BASE}/${res.body.destination_id as string}`)
      .set('Authorization', t.secretAuth);
    expect(read.body.alerts).toBe(true);
  });

  it('needs destinations:write, for reads too; admin passes', async () => {
    const segmentsOnly = await keyWith(['segments:read', 'segments:write']);
    expect((await post({ name: 'A', url: URL }, segmentsOnly)).status).toBe(403);
    const list = await request(t.app).get(BASE).set('Authorization', segmentsOnly);
    expect(list.status).toBe(403);
    expect(
      (await post({ name: 'A', url: URL }, await keyWith(['destinations:write']))).status,
    ).toBe(201);
    expect((await post({ name: 'A', url: URL }, await keyWith(['admin']))).status).toBe(201);
    expect((await post({ name: 'A', url: URL }, t.writeAuth)).status).toBe(403);
  });
});

describe('GET, PATCH and DELETE /destinations/{id}', () => {
  it('changes what is given, refuses a private url, and deletes', async () => {
    const id = (await post({ name: 'D', url: URL, events: { types: ['page'] } })).body
      .destination_id as string;
    const at = `${BASE}/${id}`;
    const patched = await request(t.app)
      .patch(at)
      .set('Authorization', t.secretAuth)
      .send({ name: 'E', events: null, consent_purpose: 'analytics', enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'E',
      url: URL,
      events: null,
      consent_purpose: 'analytics',
      enabled: false,
    });
    const refused = await request(t.app)
      .patch(at)
      .set('Authorization', t.secretAuth)
      .send({ url: 'http://192.168.1.10/in' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'url', message: expect.any(String) }]);
    const alerting = await request(t.app)
      .patch(at)
      .set('Authorization', t.secretAuth)
      .send({ alerts: true });
    expect(alerting.status).toBe(200);
    expect(alerting.body).toMatchObject({ name: 'E', alerts: true, enabled: false });
    const badAlerts = await request(t.app)
      .patch(at)
      .set('Authorization', t.secretAuth)
      .send({ alerts: 1 });
    expect(badAlerts.status).toBe(400);
    expect(badAlerts.body.errors).toEqual([{ path: 'alerts', message: 'must be a boolean' }]);
    const empty = await request(t.app).patch(at).set('Authorization', t.secretAuth).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toMatch(/^give at least one of/);
    const unknownSegment = await request(t.app)
      .patch(at)
      .set('Authorization', t.secretAuth)
      .send({ segments: [UNKNOWN_ID] });
    expect(unknownSegment.body.errors).toEqual([
      { path: 'segments.0', message: 'is not a segment of this tenant' },
    ]);

    const deleted = await request(t.app).delete(at).set('Authorization', t.secretAuth);
    expect(deleted.status).toBe(204);
    for (const res of [
      await request(t.app).get(at).set('Authorization', t.secretAuth),
      await request(t.app).patch(at).set('Authorization', t.secretAuth).send({ name: 'F' }),
      await request(t.app).delete(at).set('Authorization', t.secretAuth),
    ]) {
      expect(res.status).toBe(404);
    }
  });

  it('answers another tenant’s destination exactly like an unknown one', async () => {
    const other = await createTestTenant(t.testDb.db);
    const theirs = await post({ name: 'Theirs', url: URL }, `Bearer ${other.secretKey.key}`);
    const at = `${BASE}/${theirs.body.destination_id as string}`;
    const unknown = await request(t.app)
      .get(`${BASE}/${UNKNOWN_ID}`)
      .set('Authorization', t.secretAuth);
    const foreign = await request(t.app).get(at).set('Authorization', t.secretAuth);
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, request_id: null }).toEqual({ ...unknown.body, request_id: null });
    for (const res of [
      await request(t.app).patch(at).set('Authorization', t.secretAuth).send({ name: 'Mine' }),
      await request(t.app).delete(at).set('Authorization', t.secretAuth),
      await request(t.app).post(`${at}/test`).set('Authorization', t.secretAuth),
      await request(t.app).get(`${at}/deliveries`).set('Authorization', t.secretAuth),
      await request(t.app).post(`${at}/replay-dead`).set('Authorization', t.secretAuth),
    ]) {
      expect(res.status).toBe(404);
    }
    const list = await request(t.app).get(BASE).set('Authorization', t.secretAuth);
    expect(JSON.stringify(list.body)).not.toContain(theirs.body.destination_id);
  });

  it('answers a malformed id with a 400 naming `id`', async () => {
    const res = await request(t.app).get(`${BASE}/nope`).set('Authorization', t.secretAuth);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });
});
