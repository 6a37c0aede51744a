import express from 'express';
import { BaseApiConfigSchema } from '../config/base-api-config';
import { envInt } from '../config/env-fields';
import { bootApi } from './boot-api';

const Schema = BaseApiConfigSchema.extend({ PORT: envInt(0, 65_535).default(0) });
const ENV = {
  DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'error',
} as const;

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
      createApp: ({ config, metrics }) => {
        seenPort = config.PORT;
        const app = express();
        app.get('/hello', (_req, res) => void res.json({ ok: true }));
        app.get(
          '/metrics',
          async (_req, res) => void res.type('text').send(await metrics.registry.metrics()),
        );
        return app;
      },
    });
    expect(seenPort).toBe(0);
    expect(await (await fetch(`${running.url}/hello`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${running.url}/metrics`)).text()).toContain(
      'cdp_db_pool_connections{state="idle"} 2',
    );
    expect(await running.shutdown('test')).toBe(0);
    expect(database.state.destroyed).toBe(1);
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
