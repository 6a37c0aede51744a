import { randomBytes } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../errors/error-handler';
import { problemTypeFor } from '../errors/problem';
import { createTestLogger } from '../testing';
import { hashApiKey, isWellFormedApiKey } from '@stratum/db';
import type { ApiKeyRecord } from './auth-context';
import { getAuth } from './auth-context';
import type { AuthenticateOptions } from './authenticate.middleware';
import { authenticate } from './authenticate.middleware';
import { requireEnabledSource, requireScope } from './authorize.middleware';

function newKey(prefix: 'cdp_wk_' | 'cdp_sk_'): string {
  return prefix + randomBytes(32).toString('base64url');
}

const writeKey = newKey('cdp_wk_');
const readKey = newKey('cdp_sk_');
const adminKey = newKey('cdp_sk_');
const revokedKey = newKey('cdp_wk_');
const disabledSourceKey = newKey('cdp_wk_');

const source = {
  enabled: true,
  defaultCountry: 'DE',
  rateLimitPerMinute: null,
  allowedOrigins: null,
};
const RECORDS: Record<string, ApiKeyRecord> = {
  [hashApiKey(writeKey)]: {
    tenantId: 't1',
    keyId: 'k-write',
    sourceId: 's1',
    scopes: ['events:write'],
    revokedAt: null,
    source,
  },
  [hashApiKey(readKey)]: {
    tenantId: 't1',
    keyId: 'k-read',
    sourceId: null,
    scopes: ['profiles:read'],
    revokedAt: null,
    source: null,
  },
  [hashApiKey(adminKey)]: {
    tenantId: 't2',
    keyId: 'k-admin',
    sourceId: null,
    scopes: ['admin'],
    revokedAt: null,
    source: null,
  },
  [hashApiKey(revokedKey)]: {
    tenantId: 't1',
    keyId: 'k-revoked',
    sourceId: 's1',
    scopes: ['events:write'],
    revokedAt: new Date('2020-01-01T00:00:00Z'),
    source,
  },
  [hashApiKey(disabledSourceKey)]: {
    tenantId: 't1',
    keyId: 'k-disabled',
    sourceId: 's2',
    scopes: ['events:write'],
    revokedAt: null,
    source: { ...source, enabled: false },
  },
};

function buildApp(overrides: Partial<AuthenticateOptions> = {}) {
  const lookupKey = jest.fn((hash: string) => Promise.resolve(RECORDS[hash]));
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const auth = authenticate({
    lookupKey,
    cacheTtlMs: 30_000,
    allowBasic: true,
    now: () => clock,
    ...overrides,
  });
  const app = express();
  app.get('/whoami', auth, (_req, res) => {
    res.json(getAuth(res));
  });
  app.post('/events', auth, requireScope('events:write'), requireEnabledSource(), (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/profiles', auth, requireScope('profiles:read'), (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/unauthenticated', (_req, res) => {
    res.json(getAuth(res));
  });
  app.use(errorHandler(createTestLogger().logger));
  return {
    app,
    auth,
    lookupKey,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

function basic(user: string, password = ''): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('authenticate', () => {
  it('sets the auth context from a Bearer key', async () => {
    const { app, lookupKey } = buildApp();
    const res = await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tenantId: 't1',
      keyId: 'k-write',
      sourceId: 's1',
      scopes: ['events:write'],
      source,
    });
    expect(lookupKey).toHaveBeenCalledWith(hashApiKey(writeKey));
  });

  it('accepts Basic with the key as user name and any password', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/whoami').set('Authorization', basic(writeKey, 'ignored'));
    expect(res.status).toBe(200);
    expect(res.body.keyId).toBe('k-write');
  });

  it('accepts Basic without a colon', async () => {
    const { app } = buildApp();
    const header = `Basic ${Buffer.from(writeKey).toString('base64')}`;
    const res = await request(app).get('/whoami').set('Authorization', header);
    expect(res.status).toBe(200);
  });

  it.each([
    ['the key from the request when there is no header', undefined, 200, 'k-write'],
    ['the header over the request key', `Bearer ${readKey}`, 200, 'k-read'],
    ['a malformed header, not falling back', 'Bearer', 401, undefined],
  ])('with keyFromRequest, takes %s', async (_what, header, status, keyId) => {
    const { app } = buildApp({ keyFromRequest: (req) => req.get('X-Body-Key') });
    const req = request(app).get('/whoami').set('X-Body-Key', writeKey);
    if (header !== undefined) void req.set('Authorization', header);
    const res = await req;
    expect(res.status).toBe(status);
    expect(res.body.keyId).toBe(keyId);
  });

  it('with keyFromRequest, answers 401 for an unknown request key', async () => {
    const { app } = buildApp({ keyFromRequest: () => newKey('cdp_wk_') });
    expect((await request(app).get('/whoami')).status).toBe(401);
  });

  it('refuses Basic when it is not allowed', async () => {
    const { app, lookupKey } = buildApp({ allowBasic: false });
    const res = await request(app).get('/whoami').set('Authorization', basic(writeKey));
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Malformed API key');
    expect(lookupKey).not.toHaveBeenCalled();
  });

  it.each([
    ['no header', undefined, 'Missing API key: send Authorization: Bearer <key>'],
    ['an empty header', '', 'Missing API key: send Authorization: Bearer <key>'],
    ['another scheme', `Token ${writeKey}`, 'Malformed API key'],
    ['a short key', 'Bearer cdp_wk_abc', 'Malformed API key'],
    ['an unknown prefix', `Bearer ${writeKey.replace('cdp_wk_', 'cdp_xx_')}`, 'Malformed API key'],
    ['a key with padding', `Bearer ${writeKey}=`, 'Malformed API key'],
    ['SQL in the key', "Bearer cdp_wk_' OR 1=1 --", 'Malformed API key'],
    ['an empty Basic user', basic(''), 'Malformed API key'],
    ['an unknown key', `Bearer ${newKey('cdp_sk_')}`, 'Invalid or revoked API key'],
    ['a revoked key', `Bearer ${revokedKey}`, 'Invalid or revoked API key'],
  ])('answers 401 for %s', async (_name, header, detail) => {
    const { app } = buildApp();
    const req = request(app).get('/whoami');
    const res = await (header === undefined ? req : req.set('Authorization', header));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="stratum-cdp"');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: problemTypeFor('UNAUTHENTICATED'), detail });
  });

  it('never looks up a malformed key', async () => {
    const { app, lookupKey } = buildApp();
    await request(app).get('/whoami').set('Authorization', 'Bearer cdp_wk_tooshort');
    expect(lookupKey).not.toHaveBeenCalled();
  });

  it('honours a revocation scheduled in the future until it arrives', async () => {
    const graceKey = newKey('cdp_wk_');
    const revokedAt = new Date(Date.parse('2026-01-01T00:00:00Z') + 60_000);
    const record: ApiKeyRecord = { ...RECORDS[hashApiKey(writeKey)]!, revokedAt };
    const { app, advance } = buildApp({
      lookupKey: (hash) => Promise.resolve(hash === hashApiKey(graceKey) ? record : undefined),
    });
    const before = await request(app).get('/whoami').set('Authorization', `Bearer ${graceKey}`);
    expect(before.status).toBe(200);
    advance(60_000);
    const after = await request(app).get('/whoami').set('Authorization', `Bearer ${graceKey}`);
    expect(after.status).toBe(401);
  });

  it('propagates a failing look-up without caching it', async () => {
    const unavailable = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    let fail = true;
    const { app } = buildApp({
      lookupKey: (hash) => (fail ? Promise.reject(unavailable) : Promise.resolve(RECORDS[hash])),
    });
    const down = await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    expect(down.status).toBe(503);
    fail = false;
    const up = await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    expect(up.status).toBe(200);
  });

  it('fails loudly when a handler reads auth on a route without authenticate()', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/unauthenticated');
    expect(res.status).toBe(500);
  });
});

describe('key cache', () => {
  it('serves a repeated key from the cache', async () => {
    const { app, lookupKey } = buildApp();
    for (let i = 0; i < 3; i += 1) {
      const res = await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
      expect(res.status).toBe(200);
    }
    expect(lookupKey).toHaveBeenCalledTimes(1);
  });

  it('looks the key up again once the TTL has passed', async () => {
    const { app, lookupKey, advance } = buildApp();
    await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    advance(29_999);
    await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    expect(lookupKey).toHaveBeenCalledTimes(1);
    advance(1);
    await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    expect(lookupKey).toHaveBeenCalledTimes(2);
  });

  it('caches an unknown key for a shorter time', async () => {
    const unknown = newKey('cdp_wk_');
    const { app, lookupKey, advance } = buildApp();
    await request(app).get('/whoami').set('Authorization', `Bearer ${unknown}`);
    await request(app).get('/whoami').set('Authorization', `Bearer ${unknown}`);
    expect(lookupKey).toHaveBeenCalledTimes(1);
    advance(5000);
    await request(app).get('/whoami').set('Authorization', `Bearer ${unknown}`);
    expect(lookupKey).toHaveBeenCalledTimes(2);
  });

  it('shares one look-up between concurrent requests', async () => {
    // A slow look-up, so every request arrives while the first is still pending.
    const lookupKey = jest.fn(
      (hash: string) =>
        new Promise<ApiKeyRecord | undefined>((resolve) =>
          setTimeout(() => resolve(RECORDS[hash]), 100),
        ),
    );
    const { app } = buildApp({ lookupKey });
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => request(app).get('/whoami').set('Authorization', `Bearer ${readKey}`)),
    );
    expect(responses.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    expect(lookupKey).toHaveBeenCalledTimes(1);
  });

  it('refuses a key revoked elsewhere once its cached entry expires', async () => {
    // Another process (the admin API, the CLI) revokes it: this one only sees the database.
    const records = { ...RECORDS };
    const lookupKey = jest.fn((hash: string) => Promise.resolve(records[hash]));
    const { app, advance } = buildApp({ lookupKey });
    const call = () => request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    expect((await call()).status).toBe(200);
    records[hashApiKey(writeKey)] = { ...RECORDS[hashApiKey(writeKey)]!, revokedAt: new Date(0) };
    advance(29_999);
    expect((await call()).status).toBe(200);
    advance(1);
    expect((await call()).status).toBe(401);
  });

  it('does not cache when the TTL is zero', async () => {
    const { app, lookupKey } = buildApp({ cacheTtlMs: 0 });
    await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    await request(app).get('/whoami').set('Authorization', `Bearer ${writeKey}`);
    expect(lookupKey).toHaveBeenCalledTimes(2);
  });

  it('stays within its bound, evicting the least recently used key', async () => {
    const { app, lookupKey } = buildApp({ maxCacheEntries: 2 });
    const call = (key: string) => request(app).get('/whoami').set('Authorization', `Bearer ${key}`);
    await call(writeKey);
    await call(readKey);
    await call(writeKey); // writeKey is now the most recently used
    await call(adminKey); // evicts readKey
    expect(lookupKey).toHaveBeenCalledTimes(3);
    await call(writeKey);
    expect(lookupKey).toHaveBeenCalledTimes(3);
    await call(readKey);
    expect(lookupKey).toHaveBeenCalledTimes(4);
  });
});

describe('requireScope and requireEnabledSource', () => {
  it('lets a key with the scope through', async () => {
    const { app } = buildApp();
    const res = await request(app).post('/events').set('Authorization', `Bearer ${writeKey}`);
    expect(res.status).toBe(200);
  });

  it('answers 403 FORBIDDEN for a key without the scope', async () => {
    const { app } = buildApp();
    const res = await request(app).post('/events').set('Authorization', `Bearer ${readKey}`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      type: problemTypeFor('FORBIDDEN'),
      detail: 'This API key lacks the scope events:write',
    });
  });

  it('lets an admin key through any scope', async () => {
    const { app } = buildApp();
    const events = await request(app).post('/events').set('Authorization', `Bearer ${adminKey}`);
    const profiles = await request(app).get('/profiles').set('Authorization', `Bearer ${adminKey}`);
    expect([events.status, profiles.status]).toEqual([200, 200]);
  });

  it('answers 403 SOURCE_DISABLED for a key of a disabled source', async () => {
    const { app } = buildApp();
    const res = await request(app)
      .post('/events')
      .set('Authorization', `Bearer ${disabledSourceKey}`);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe(problemTypeFor('SOURCE_DISABLED'));
  });
});

describe('API key format', () => {
  it('hashes the whole key with SHA-256 (lowercase hex)', () => {
    expect(hashApiKey('cdp_wk_abc')).toBe(
      '0edd8a209bf2b0596364157f364942e9c02eabcfaaed8a41707b27fb90be0aed',
    );
    expect(hashApiKey('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('accepts generated keys of both kinds and nothing else', () => {
    expect(isWellFormedApiKey(newKey('cdp_wk_'))).toBe(true);
    expect(isWellFormedApiKey(newKey('cdp_sk_'))).toBe(true);
    expect(isWellFormedApiKey(`${newKey('cdp_sk_')}x`)).toBe(false);
    expect(isWellFormedApiKey(` ${newKey('cdp_sk_')}`)).toBe(false);
  });
});
