import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { BaseApiConfigSchema } from '../config/base-api-config';
import { envInt } from '../config/env-fields';
import { bootApi } from './boot-api';

const Schema = BaseApiConfigSchema.extend({
  PORT: envInt(0, 65_535).default(0),
  METRICS_PORT: envInt(0, 65_535).default(0),
});
const ENV = {
  DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
  HOST: '127.0.0.1',
  PORT: '0',
  METRICS_PORT: '0',
  LOG_LEVEL: 'error',
} as const;
const TOKEN = 'scrape-token-0123456789';

function fakeDatabase() {
  const state = { destroyed: 0 };
  return {
    state,
    connect: () => ({
      db: { destroy: () => Promise.resolve(void (state.destroyed += 1)) },
      pool: { totalCount: 3, idleCount: 2, waitingCount: 0 },
    }),
  };
}

describe('bootApi', () => {
  it('builds the app from the configuration, serves it, and closes the database on shutdown', async () => {
    const database = fakeDatabase();
    let seenPort: number | undefined;
    const running = await bootApi({
      name: 'test-api',
      schema: Schema,
      rateLimitPrefix: 'test',
      env: ENV,
      connect: database.connect,
      createApp: ({ config }) => {
        seenPort = config.PORT;
        const app = express();
        app.get('/hello', (_req, res) => void res.json({ ok: true }));
        return app;
      },
    });
    expect(seenPort).toBe(0);
    expect(await (await fetch(`${running.url}/hello`)).json()).toEqual({ ok: true });
    expect(running.metricsUrl).not.toBe(running.url);
    expect(await running.shutdown('test')).toBe(0);
    expect(database.state.destroyed).toBe(1);
  });

  it('serves /metrics on its own listener only, and closes it on shutdown', async () => {
    const running = await bootApi({
      name: 'test-api',
      schema: Schema,
      rateLimitPrefix: 'test',
      env: ENV,
      connect: fakeDatabase().connect,
      createApp: () => express(),
    });
    const scrape = await fetch(`${running.metricsUrl}/metrics`);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('cdp_db_pool_connections{state="idle"} 2');
    expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
    const other = await fetch(`${running.metricsUrl}/api/v1/cdp/events`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    expect(await running.shutdown('test')).toBe(0);
    await expect(fetch(`${running.metricsUrl}/metrics`)).rejects.toThrow();
  });

  it('asks for the bearer token on /metrics when METRICS_TOKEN is set', async () => {
    const running = await bootApi({
      name: 'test-api',
      schema: Schema,
      rateLimitPrefix: 'test',
      env: { ...ENV, METRICS_TOKEN: TOKEN },
      connect: fakeDatabase().connect,
      createApp: () => express(),
    });
    try {
      const scrape = (authorization?: string) =>
        fetch(`${running.metricsUrl}/metrics`, {
          headers: authorization === undefined ? {} : { Authorization: authorization },
        });
      for (const refused of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer']) {
        const res = await scrape(refused);
        expect({ refused, status: res.status }).toEqual({ refused, status: 401 });
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(await res.text()).not.toContain(TOKEN);
      }
      const allowed = await scrape(`Bearer ${TOKEN}`);
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('cdp_events_total');
    } finally {
      await running.shutdown('test');
    }
  });

  it('closes the metrics listener and the database when the public port is taken', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const database = fakeDatabase();
    try {
      await expect(
        bootApi({
          name: 'test-api',
          schema: Schema,
          rateLimitPrefix: 'test',
          env: { ...ENV, PORT: String(port) },
          connect: database.connect,
          createApp: () => express(),
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      expect(database.state.destroyed).toBe(1);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('closes the database when the server cannot listen', async () => {
    const database = fakeDatabase();
    const options = {
      name: 'test-api',
      schema: Schema,
      rateLimitPrefix: 'test',
      env: { ...ENV, HOST: '203.0.113.1' }, // an address this machine does not own
      connect: database.connect,
      createApp: () => express(),
    };
    await expect(bootApi(options)).rejects.toThrow();
    expect(database.state.destroyed).toBe(1);
  });

  it('exits 1 naming the variable when the configuration is invalid', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exit');
    });
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(
      bootApi({
        name: 'x',
        schema: Schema,
        rateLimitPrefix: 'x',
        env: { PORT: '0' },
        connect: fakeDatabase().connect,
        createApp: () => express(),
      }),
    ).rejects.toThrow('exit');
    expect(exit).toHaveBeenCalledWith(1);
    expect(String(write.mock.calls[0]?.[0])).toContain('DATABASE_URL');
    exit.mockRestore();
    write.mockRestore();
  });
});
