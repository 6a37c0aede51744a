import http from 'node:http';
import express from 'express';
import { healthRouter } from '../health/health.routes';
import { createTestLogger } from '../testing';
import type { RunningServer, StartServerOptions } from './start-server';
import { startServer } from './start-server';

interface Reply {
  status: number;
  body: string;
  connection: string | undefined;
}

function get(url: string, agent?: http.Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
      );
    });
    req.on('error', reject);
  });
}

function buildApp() {
  const events: string[] = [];
  let entered: () => void = () => undefined;
  const slowEntered = new Promise<void>((resolve) => (entered = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const app = express();
  app.get('/slow', async (_req, res) => {
    entered();
    await released;
    events.push('slow answered');
    res.json({ done: true });
  });
  app.get('/never', () => undefined);
  app.use(healthRouter({ ping: () => Promise.resolve() }));
  return { app, events, slowEntered, release };
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.shutdown('test cleanup')));
});

async function start(app: express.Express, overrides: Partial<StartServerOptions> = {}) {
  const log = createTestLogger();
  const server = await startServer(app, {
    port: 0,
    host: '127.0.0.1',
    logger: log.logger,
    shutdownTimeoutMs: 2000,
    onShutdown: () => Promise.resolve(),
    signals: [],
    ...overrides,
  });
  running.push(server);
  return { server, log };
}

describe('startServer', () => {
  it('listens and logs its URL', async () => {
    const { app } = buildApp();
    const { server, log } = await start(app);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
    await log.waitFor((line) => line.message === `listening on ${server.url}`);
  });

  it('rejects when the port is taken', async () => {
    const { app } = buildApp();
    const { server } = await start(app);
    const port = Number(new URL(server.url).port);
    await expect(start(app, { port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('finishes an in-flight request, refuses new connections, then runs onShutdown', async () => {
    const { app, events, slowEntered, release } = buildApp();
    const onShutdown = jest.fn(() => {
      events.push('onShutdown');
      return Promise.resolve();
    });
    const { server } = await start(app, { onShutdown });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const slow = get(`${server.url}/slow`, agent);
      await slowEntered;
      const stopping = server.shutdown('test');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.server.listening).toBe(false);
      await expect(get(`${server.url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(onShutdown).not.toHaveBeenCalled();
      release();
      const reply = await slow;
      expect(reply).toEqual({ status: 200, body: '{"done":true}', connection: 'close' });
      expect(await stopping).toBe(0);
      expect(events).toEqual(['slow answered', 'onShutdown']);
    } finally {
      agent.destroy();
    }
  });

  it('closes idle keep-alive connections at once', async () => {
    const { app } = buildApp();
    const { server } = await start(app);
    const agent = new http.Agent({ keepAlive: true });
    try {
      await get(`${server.url}/healthz`, agent);
      const started = Date.now();
      expect(await server.shutdown()).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      agent.destroy();
    }
  });

  it('gives up after the timeout and answers 1', async () => {
    const { app } = buildApp();
    const { server, log } = await start(app, { shutdownTimeoutMs: 200 });
    const hanging = get(`${server.url}/never`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await server.shutdown()).toBe(1);
    expect(await hanging).toMatchObject({ code: 'ECONNRESET' });
    await log.waitFor((line) => line.message.startsWith('shutdown timed out'));
  });

  it('answers 1 when onShutdown fails', async () => {
    const { app } = buildApp();
    const { server, log } = await start(app, {
      onShutdown: () => Promise.reject(new Error('pool end failed')),
    });
    expect(await server.shutdown()).toBe(1);
    await log.waitFor((line) => line.message === 'shutdown failed');
  });

  it('shares one shutdown between callers', async () => {
    const { app } = buildApp();
    const onShutdown = jest.fn(() => Promise.resolve());
    const { server } = await start(app, { onShutdown });
    const [first, second] = await Promise.all([server.shutdown(), server.shutdown()]);
    expect([first, second]).toEqual([0, 0]);
    expect(onShutdown).toHaveBeenCalledTimes(1);
  });

  it('shuts down on SIGTERM and exits 0; a second signal exits 1 at once', async () => {
    const { app, slowEntered, release } = buildApp();
    const exit = jest.fn();
    const listenersBefore = process.listenerCount('SIGTERM');
    const { server } = await start(app, { signals: ['SIGTERM'], exit });
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore + 1);
    const slow = get(`${server.url}/slow`);
    await slowEntered;
    process.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.server.listening).toBe(false);
    process.emit('SIGTERM', 'SIGTERM');
    expect(exit).toHaveBeenCalledWith(1);
    release();
    await slow;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exit).toHaveBeenLastCalledWith(0);
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });
});
