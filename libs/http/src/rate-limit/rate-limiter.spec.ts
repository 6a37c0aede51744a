import { randomUUID } from 'node:crypto';
import net from 'node:net';
import express from 'express';
import type { RequestHandler } from 'express';
import { createClient } from 'redis';
import request from 'supertest';
import type { AuthContext } from '../auth/auth-context';
import { errorHandler } from '../errors/error-handler';
import { problemTypeFor } from '../errors/problem';
import type { Logger } from '../logging/logger';
import { trustProxySetting } from '../security/trust-proxy';
import { createTestLogger } from '../testing';
import type { RateLimiter, RateLimiterOptions } from './rate-limiter';
import { createRateLimiter } from './rate-limiter';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

// Stands in for authenticate(): the key id and source limit come from test headers.
const fakeAuth: RequestHandler = (req, res, next) => {
  const limit = req.get('X-Test-Source-Limit');
  const auth: AuthContext = {
    tenantId: 't1',
    keyId: req.get('X-Test-Key') ?? 'key-a',
    sourceId: limit === undefined ? null : 's1',
    scopes: ['events:write'],
    source:
      limit === undefined
        ? null
        : {
            enabled: true,
            defaultCountry: null,
            rateLimitPerMinute: Number(limit),
            allowedOrigins: null,
          },
  };
  res.locals.auth = auth;
  next();
};

const limiters: RateLimiter[] = [];
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((limiter) => limiter.close()));
});

function buildApp(options: Partial<RateLimiterOptions> & { logger?: Logger } = {}) {
  const log = createTestLogger();
  const onLimited = jest.fn();
  const limiter = createRateLimiter({
    defaultLimitPerMinute: 100,
    prefix: `test:${randomUUID()}:`,
    logger: log.logger,
    onLimited,
    ...options,
  });
  limiters.push(limiter);
  const app = express();
  app.use(limiter.byIp);
  app.post('/events', fakeAuth, limiter.byKey, (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler(log.logger));
  return { app, log, onLimited, limiter };
}

async function hit(app: express.Express, times: number, key = 'key-a', sourceLimit?: number) {
  const statuses: number[] = [];
  let last: request.Response | undefined;
  for (let i = 0; i < times; i += 1) {
    let req = request(app).post('/events').set('X-Test-Key', key);
    if (sourceLimit !== undefined) req = req.set('X-Test-Source-Limit', String(sourceLimit));
    last = await req;
    statuses.push(last.status);
  }
  return { statuses, last: last! };
}

/** A TCP proxy to the local Redis that a test can take down and bring back. */
async function redisProxy() {
  const target = new URL(REDIS_URL);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const start = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      server?.listening ? server.close(() => resolve()) : resolve(),
    );
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}

function expectRateLimited(res: request.Response, limit: number) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ type: problemTypeFor('RATE_LIMITED'), status: 429 });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers['ratelimit']).toContain(`"per-key"; r=0; t=`);
  expect(res.headers['ratelimit-policy']).toContain(`"per-key"; q=${limit}; w=60`);
}

describe('createRateLimiter with the memory store', () => {
  it('answers the 101st request of a minute with 429, Retry-After and RateLimit headers', async () => {
    const { app, onLimited } = buildApp();
    const { statuses, last } = await hit(app, 101);
    expect(statuses.slice(0, 100).every((status) => status === 200)).toBe(true);
    expectRateLimited(last, 100);
    expect(onLimited).toHaveBeenCalledWith('key');
  });

  it('sends the RateLimit headers on allowed requests too', async () => {
    const { app } = buildApp();
    const { last } = await hit(app, 1);
    expect(last.status).toBe(200);
    expect(last.headers['ratelimit']).toContain('"per-key"; r=99;');
    expect(last.headers['ratelimit']).toContain('"per-ip"; r=999;');
  });

  it("uses the source's own limit when it has one", async () => {
    const { app } = buildApp();
    const { statuses, last } = await hit(app, 4, 'key-a', 3);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expectRateLimited(last, 3);
  });

  it('counts separate keys separately', async () => {
    const { app } = buildApp({ defaultLimitPerMinute: 2 });
    expect((await hit(app, 3, 'key-a')).statuses).toEqual([200, 200, 429]);
    expect((await hit(app, 2, 'key-b')).statuses).toEqual([200, 200]);
  });

  it('limits by IP before authentication', async () => {
    const { app, onLimited } = buildApp({ ipLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await request(app).get('/anything')).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    expect(onLimited).toHaveBeenCalledWith('ip');
  });

  it('counts clients apart by the forwarded IP behind one trusted proxy hop', async () => {
    const log = createTestLogger();
    const limiter = createRateLimiter({
      defaultLimitPerMinute: 5,
      ipLimitPerMinute: 1,
      prefix: 'x',
      logger: log.logger,
    });
    limiters.push(limiter);
    const app = express();
    app.set('trust proxy', trustProxySetting(true));
    app.get('/ping', limiter.byIp, (_req, res) => {
      res.json({});
    });
    app.use(errorHandler(log.logger));
    const from = (ip: string) => request(app).get('/ping').set('X-Forwarded-For', ip);
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    expect((await from('198.51.100.1')).status).toBe(200);
    expect(log.lines().filter((line) => line.level === 'error')).toEqual([]);
  });

  it('defaults the IP limit to ten times the key limit', async () => {
    const { app } = buildApp({ defaultLimitPerMinute: 2 });
    const { last } = await hit(app, 1);
    expect(last.headers['ratelimit-policy']).toContain('"per-ip"; q=20; w=60');
  });

  it('answers 500 when byKey is mounted before authentication', async () => {
    const log = createTestLogger();
    const limiter = createRateLimiter({
      defaultLimitPerMinute: 5,
      prefix: 'x:',
      logger: log.logger,
    });
    limiters.push(limiter);
    const app = express();
    app.get('/misordered', limiter.byKey, (_req, res) => {
      res.json({});
    });
    app.use(errorHandler(log.logger));
    expect((await request(app).get('/misordered')).status).toBe(500);
  });
});

describe('createRateLimiter with Redis', () => {
  it('holds the limit across instances sharing Redis', async () => {
    const prefix = `test:${randomUUID()}:`;
    const first = buildApp({ redisUrl: REDIS_URL, prefix, defaultLimitPerMinute: 100 });
    const second = buildApp({ redisUrl: REDIS_URL, prefix, defaultLimitPerMinute: 100 });
    const one = await hit(first.app, 60);
    const two = await hit(second.app, 41);
    expect(one.statuses.every((status) => status === 200)).toBe(true);
    expect(two.statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    expectRateLimited(two.last, 100);
    expect(first.log.lines().filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('keeps keys apart in Redis, under <prefix>:key:<key id>', async () => {
    const prefix = `test:${randomUUID()}`;
    const { app } = buildApp({ redisUrl: REDIS_URL, prefix, defaultLimitPerMinute: 2 });
    expect((await hit(app, 3, 'key-a')).statuses).toEqual([200, 200, 429]);
    expect((await hit(app, 1, 'key-b')).statuses).toEqual([200]);
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      expect(await client.get(`${prefix}:key:key-a`)).toBe('3');
      expect(await client.get(`${prefix}:key:key-b`)).toBe('1');
      expect(await client.pTTL(`${prefix}:key:key-a`)).toBeGreaterThan(50_000);
    } finally {
      await client.close();
    }
  });

  it('fails open with one warning when Redis is unreachable', async () => {
    const { app, log } = buildApp({
      redisUrl: 'redis://127.0.0.1:1',
      defaultLimitPerMinute: 2,
    });
    const { statuses } = await hit(app, 5);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const warnings = log.lines().filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.message)).toContain(
      'redis unavailable: rate limits fail open',
    );
    expect(warnings.length).toBeLessThanOrEqual(3);
    expect(log.lines().filter((line) => line.level === 'error')).toEqual([]);
  });

  it('fails open while Redis is away and limits again once it is back', async () => {
    const proxy = await redisProxy();
    try {
      const { app, log } = buildApp({ redisUrl: proxy.url, defaultLimitPerMinute: 2 });
      expect((await hit(app, 3)).statuses).toEqual([200, 200, 429]);
      await proxy.stop();
      expect((await hit(app, 3)).statuses).toEqual([200, 200, 200]);
      await log.waitFor((line) => line.message === 'redis unavailable: rate limits fail open');
      await proxy.start();
      await log.waitFor((line) => line.message === 'redis connection restored', 10_000);
      expect((await hit(app, 1)).statuses).toEqual([429]);
    } finally {
      await proxy.stop();
    }
  }, 20_000);

  it('closes cleanly without ever connecting', async () => {
    const log = createTestLogger();
    const limiter = createRateLimiter({
      defaultLimitPerMinute: 5,
      prefix: 'x:',
      logger: log.logger,
      redisUrl: 'redis://127.0.0.1:1',
    });
    await expect(limiter.close()).resolves.toBeUndefined();
  });
});
