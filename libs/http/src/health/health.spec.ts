import express from 'express';
import request from 'supertest';
import { problemTypeFor } from '../errors/problem';
import { markShuttingDown } from '../server/shutdown-state';
import { createTestLogger } from '../testing';
import { healthRouter } from './health.routes';

function buildApp(ping: () => Promise<void>, timeoutMs?: number) {
  const log = createTestLogger();
  const app = express();
  app.use(healthRouter({ ping, timeoutMs, logger: log.logger }));
  return { app, log };
}

describe('healthRouter', () => {
  it('answers /healthz while the process runs, whatever the database', async () => {
    const { app } = buildApp(() => Promise.reject(new Error('down')));
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the ping succeeds', async () => {
    const { app } = buildApp(() => Promise.resolve());
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  it('answers /readyz 503 problem+json when the ping fails, logging why', async () => {
    const { app, log } = buildApp(() =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    );
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body).toMatchObject({ type: problemTypeFor('DATABASE_UNAVAILABLE'), status: 503 });
    const line = await log.waitFor((entry) => entry.message === 'readiness ping failed');
    expect(JSON.stringify(line)).toContain('ECONNREFUSED');
  });

  it('answers /readyz 503 within the timeout when the ping hangs', async () => {
    const { app } = buildApp(() => new Promise<void>(() => undefined), 150);
    const started = Date.now();
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers /readyz 503 once shutdown has begun', async () => {
    const { app } = buildApp(() => Promise.resolve());
    markShuttingDown(app);
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.type).toBe(problemTypeFor('SERVICE_UNAVAILABLE'));
  });
});
