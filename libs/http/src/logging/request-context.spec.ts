import express from 'express';
import request from 'supertest';
import { AppError } from '../errors/app-error';
import { errorHandler, notFoundHandler } from '../errors/error-handler';
import { jsonBody } from '../body/json-body.middleware';
import { createTestLogger } from '../testing';
import { getRequestId, requestContext } from './request-context.middleware';

function buildApp(level: 'info' | 'warn' = 'info') {
  const log = createTestLogger(level);
  const app = express();
  app.use(requestContext(log.logger));
  app.use(jsonBody({ limit: '10kb' }));
  const profiles = express.Router();
  profiles.get('/:id', (_req, res) => {
    res.locals.auth = {
      tenantId: 'tenant-1',
      keyId: 'key-1',
      sourceId: null,
      scopes: [],
      source: null,
    };
    res.json({ request_id: getRequestId(res) });
  });
  profiles.post('/:id/fail', () => {
    throw new AppError('VALIDATION_FAILED');
  });
  profiles.get('/', (_req, res) => {
    res.json({ list: true });
  });
  app.use('/api/v1/cdp/profiles', profiles);
  app.use(notFoundHandler);
  app.use(errorHandler(log.logger));
  return { app, log };
}

describe('requestContext', () => {
  it('echoes a well-formed X-Request-Id', async () => {
    const { app } = buildApp();
    const res = await request(app)
      .get('/api/v1/cdp/profiles/p1')
      .set('X-Request-Id', 'abc.DEF_1-2');
    expect(res.headers['x-request-id']).toBe('abc.DEF_1-2');
    expect(res.body).toEqual({ request_id: 'abc.DEF_1-2' });
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['forbidden characters', 'abc def'],
    ['a log injection attempt', 'x","level":"error'],
  ])('replaces a request id with %s by a UUID', async (_name, incoming) => {
    const { app } = buildApp();
    const res = await request(app).get('/api/v1/cdp/profiles/p1').set('X-Request-Id', incoming);
    expect(res.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('writes no access line, and still sets the request id, when info is off', async () => {
    const { app, log } = buildApp('warn');
    const res = await request(app).get('/api/v1/cdp/profiles/p1');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toHaveLength(36);
    expect(log.lines()).toEqual([]);
  });

  it('generates a request id when none is sent', async () => {
    const { app } = buildApp();
    const first = await request(app).get('/api/v1/cdp/profiles/p1');
    const second = await request(app).get('/api/v1/cdp/profiles/p1');
    expect(first.headers['x-request-id']).toHaveLength(36);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('writes one access line with the route pattern and tenant, never ids, query or headers', async () => {
    const { app, log } = buildApp();
    const res = await request(app)
      .get('/api/v1/cdp/profiles/3f1c0a6e-profile?identifier_value=jane%40example.com')
      .set('Authorization', 'Bearer cdp_sk_secret')
      .set('X-Request-Id', 'req-access-1');
    expect(res.status).toBe(200);
    const line = await log.waitFor((entry) => entry.message === 'request');
    expect(line).toEqual({
      level: 'info',
      message: 'request',
      timestamp: expect.any(String),
      request_id: 'req-access-1',
      tenant_id: 'tenant-1',
      method: 'GET',
      route: '/api/v1/cdp/profiles/:id',
      status: 200,
      duration_ms: expect.any(Number),
    });
    const text = log.text();
    expect(text).not.toContain('3f1c0a6e');
    expect(text).not.toContain('jane');
    expect(text).not.toContain('example.com');
    expect(text).not.toContain('cdp_sk_secret');
    expect(log.lines().filter((entry) => entry.message === 'request')).toHaveLength(1);
  });

  it('logs the route of a failed request in a mounted router, and never the body', async () => {
    const { app, log } = buildApp();
    const res = await request(app)
      .post('/api/v1/cdp/profiles/abc123/fail')
      .send({ email: 'jane.doe@example.com' });
    expect(res.status).toBe(400);
    const line = await log.waitFor((entry) => entry.message === 'request');
    expect(line).toMatchObject({
      route: '/api/v1/cdp/profiles/:id/fail',
      status: 400,
      tenant_id: null,
    });
    expect(log.text()).not.toContain('jane');
    expect(log.text()).not.toContain('abc123');
  });

  it('logs the mount path of a router root route without a trailing slash', async () => {
    const { app, log } = buildApp();
    await request(app).get('/api/v1/cdp/profiles/');
    const line = await log.waitFor((entry) => entry.message === 'request');
    expect(line['route']).toBe('/api/v1/cdp/profiles');
  });

  it('logs a null route for unmatched requests', async () => {
    const { app, log } = buildApp();
    await request(app).get('/wp-admin/secret-path');
    const line = await log.waitFor((entry) => entry.message === 'request');
    expect(line).toMatchObject({ route: null, status: 404 });
    expect(log.text()).not.toContain('secret-path');
  });
});
