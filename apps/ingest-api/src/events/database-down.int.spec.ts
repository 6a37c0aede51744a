import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import request from 'supertest';
import { createDb } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createMetrics, createRateLimiter } from '@stratum/http';
import { createTestLogger } from '@stratum/http/testing';
import { createApp } from '../app';
import { trackEvent } from '../testing/ingest-test-app';

/** A TCP proxy in front of PostgreSQL that the test can cut and restore. */
function createProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  return {
    start: (port: number) =>
      new Promise<number>((resolve) => {
        server = createServer((client) => {
          const upstream = connect(target.port, target.host);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => s.destroy());
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () =>
          resolve((server!.address() as { port: number }).port),
        );
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (server) server.close(() => resolve());
        else resolve();
      }),
  };
}

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

describe('database unavailable', () => {
  it('answers 503 with Retry-After quickly, then recovers without a restart', async () => {
    const tenant = await createTestTenant(testDb.db);
    const target = new URL(testDb.url);
    const proxy = createProxy({ host: target.hostname, port: Number(target.port) });
    const port = await proxy.start(0);
    const proxied = new URL(testDb.url);
    proxied.host = `127.0.0.1:${port}`;
    const db = createDb({ databaseUrl: proxied.toString(), connectionTimeoutMs: 1000 });
    const { logger } = createTestLogger('error');
    const rateLimiter = createRateLimiter({
      defaultLimitPerMinute: 10_000,
      prefix: 'down',
      logger,
    });
    const app = createApp({
      config: { KEY_CACHE_TTL_MS: 60_000, TRUST_PROXY: false },
      db,
      logger,
      metrics: createMetrics(),
      rateLimiter,
    });
    const send = () =>
      request(app)
        .post('/api/v1/cdp/events')
        .set('Authorization', `Bearer ${tenant.writeKey.key}`)
        .send(trackEvent());

    expect((await send()).status).toBe(200);
    await proxy.stop();
    const started = Date.now();
    const down = await send();
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBeDefined();
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await request(app).get('/readyz')).status).toBe(503);

    await proxy.start(port);
    let recovered = 0;
    for (let i = 0; i < 20 && recovered !== 200; i++) {
      recovered = (await send()).status;
      if (recovered !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(200);
    await rateLimiter.close();
    await db.destroy();
    await proxy.stop();
  }, 30_000);
});
