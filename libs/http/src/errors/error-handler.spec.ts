import express from 'express';
import request from 'supertest';
import { requireJson, jsonBody } from '../body/json-body.middleware';
import { requestContext } from '../logging/request-context.middleware';
import { createTestLogger } from '../testing';
import { AppError } from './app-error';
import { ERROR_CODES, STATUS_BY_CODE } from './error-codes';
import { errorHandler, notFoundHandler } from './error-handler';
import { problemTypeFor } from './problem';

function buildApp(failWith: () => unknown) {
  const log = createTestLogger();
  const app = express();
  app.use(requestContext(log.logger));
  app.use(requireJson(), jsonBody({ limit: '1kb' }));
  app.post('/echo', (req, res) => {
    res.json({ body: req.body as unknown });
  });
  app.get('/fail/:id', async () => {
    await Promise.resolve();
    throw failWith();
  });
  app.use(notFoundHandler);
  app.use(errorHandler(log.logger));
  return { app, log };
}

function pgError(fields: { code?: string; message?: string }): Error {
  return Object.assign(new Error(fields.message ?? 'pg failure'), fields);
}

describe('errorHandler', () => {
  it('writes an AppError as problem+json with the request id', async () => {
    const { app } = buildApp(
      () =>
        new AppError('VALIDATION_FAILED', {
          detail: 'The body is invalid',
          errors: [{ path: 'events.0.type', message: 'unknown type' }],
        }),
    );
    const res = await request(app).get('/fail/1').set('X-Request-Id', 'req-123');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({
      type: 'https://stratum-cdp.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'The body is invalid',
      request_id: 'req-123',
      errors: [{ path: 'events.0.type', message: 'unknown type' }],
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('{"event_id": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: problemTypeFor('MALFORMED_JSON'),
      status: 400,
      detail: 'The request body is not valid JSON',
    });
    expect(JSON.stringify(res.body)).not.toContain('event_id');
  });

  it.each(['%ED%A0%80', '%F0%9F', '%'])(
    'answers a path parameter %s that is not UTF-8 with 400, quoting nothing',
    async (id) => {
      const { app, log } = buildApp(() => new Error('unreachable'));
      const res = await request(app).get(`/fail/x${id}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: problemTypeFor('BAD_REQUEST'), status: 400 });
      expect(JSON.stringify(res.body)).not.toContain(`x${id}`);
      expect(log.text()).not.toContain(`x${id}`);
    },
  );

  it('refuses a JSON scalar body (strict parsing)', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('"just a string"');
    expect(res.status).toBe(400);
    expect(res.body.type).toBe(problemTypeFor('MALFORMED_JSON'));
  });

  it('answers a body over the limit with 413', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app)
      .post('/echo')
      .send({ padding: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe(problemTypeFor('PAYLOAD_TOO_LARGE'));
  });

  it('answers an unsupported charset with 415', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/json; charset=latin-9')
      .send('{}');
    expect(res.status).toBe(415);
    expect(res.body.type).toBe(problemTypeFor('UNSUPPORTED_MEDIA_TYPE'));
  });

  it('answers an unsupported content encoding with 415', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress-me')
      .send('{}');
    expect(res.status).toBe(415);
    expect(res.body.type).toBe(problemTypeFor('UNSUPPORTED_MEDIA_TYPE'));
  });

  it('answers an unknown error with a generic 500, logging the stack server side only', async () => {
    const { app, log } = buildApp(() => new Error('secret internals at db.ts:42'));
    const res = await request(app).get('/fail/7');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: problemTypeFor('INTERNAL'),
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred',
      request_id: res.headers['x-request-id'],
    });
    expect(res.text).not.toContain('secret internals');
    expect(res.text).not.toContain('at ');
    const line = await log.waitFor((entry) => entry.message === 'unhandled error');
    expect(line).toMatchObject({ level: 'error', route: '/fail/:id', code: 'INTERNAL' });
    expect(JSON.stringify(line)).toContain('secret internals');
    expect(JSON.stringify(line)).toContain('error-handler.spec.ts');
  });

  it('answers a thrown non-Error value with a generic 500', async () => {
    const { app } = buildApp(() => 'a string');
    const res = await request(app).get('/fail/7');
    expect(res.status).toBe(500);
    expect(res.body.detail).toBe('An unexpected error occurred');
  });

  it.each([
    ['ECONNREFUSED', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['ENOTFOUND', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db' }],
    ['ETIMEDOUT', { code: 'ETIMEDOUT' }],
    ['pool connect timeout', { message: 'timeout exceeded when trying to connect' }],
    ['connection lost', { message: 'Connection terminated unexpectedly' }],
    ['admin shutdown 57P01', { code: '57P01' }],
    ['crash shutdown 57P02', { code: '57P02' }],
    ['starting up 57P03', { code: '57P03' }],
    ['08000', { code: '08000' }],
    ['08001', { code: '08001' }],
    ['08003', { code: '08003' }],
    ['08004', { code: '08004' }],
    ['08006', { code: '08006' }],
    ['too many connections 53300', { code: '53300' }],
  ])('answers PostgreSQL unavailability (%s) with 503 and Retry-After', async (_name, fields) => {
    const { app, log } = buildApp(() => pgError(fields));
    const res = await request(app).get('/fail/1');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body).toMatchObject({
      type: problemTypeFor('DATABASE_UNAVAILABLE'),
      status: 503,
      title: 'Database unavailable',
    });
    expect(res.text).not.toContain('5432');
    await log.waitFor(
      (entry) => entry.level === 'warn' && entry['code'] === 'DATABASE_UNAVAILABLE',
    );
  });

  it('answers 503 for a refused connection reported as an AggregateError cause', async () => {
    const refused = new AggregateError(
      [pgError({ code: 'ECONNREFUSED' }), pgError({ code: 'ECONNREFUSED' })],
      'connect failed',
    );
    const { app } = buildApp(() => new Error('query failed', { cause: refused }));
    const res = await request(app).get('/fail/1');
    expect(res.status).toBe(503);
  });

  it('keeps a constraint violation a 500 (not unavailability)', async () => {
    const { app } = buildApp(() => pgError({ code: '23505', message: 'duplicate key' }));
    const res = await request(app).get('/fail/1');
    expect(res.status).toBe(500);
  });

  it('sets Retry-After from an AppError', async () => {
    const { app } = buildApp(() => new AppError('RATE_LIMITED', { retryAfterSeconds: 12.2 }));
    const res = await request(app).get('/fail/1');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('13');
    expect(res.body.detail).toBe('Too many requests');
  });

  it('challenges on 401', async () => {
    const { app } = buildApp(() => new AppError('UNAUTHENTICATED'));
    const res = await request(app).get('/fail/1');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="stratum-cdp"');
  });

  it('answers an unmatched route with a 404 problem', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app).get('/nowhere/abc');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ type: problemTypeFor('NOT_FOUND'), status: 404 });
  });
});

describe('requireJson', () => {
  it('answers a non-JSON body with 415', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app).post('/echo').set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(res.body.type).toBe(problemTypeFor('UNSUPPORTED_MEDIA_TYPE'));
  });

  it('answers a body without a content type with 415', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app).post('/echo').set('Content-Type', '').send(Buffer.from('{}'));
    expect(res.status).toBe(415);
  });

  it('accepts application/json and +json types', async () => {
    const { app } = buildApp(() => undefined);
    const plain = await request(app).post('/echo').send({ a: 1 });
    expect(plain.body).toEqual({ body: { a: 1 } });
    const vendor = await request(app)
      .post('/echo')
      .set('Content-Type', 'application/vnd.cdp+json')
      .send('{"b":2}');
    expect(vendor.body).toEqual({ body: { b: 2 } });
  });

  it('lets a bodiless request through', async () => {
    const { app } = buildApp(() => undefined);
    const res = await request(app).post('/echo');
    expect(res.status).toBe(200);
  });
});

describe('error codes', () => {
  it('maps every code to a client or server error status', () => {
    for (const code of ERROR_CODES) {
      expect(STATUS_BY_CODE[code]).toBeGreaterThanOrEqual(400);
      expect(STATUS_BY_CODE[code]).toBeLessThan(600);
    }
  });
});
