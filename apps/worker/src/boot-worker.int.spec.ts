import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { findChangeCursor } from '@stratum/changes';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { bootWorker } from './boot-worker';

// The worker booted in this process (main.int.spec.ts runs it as it ships).
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database.destroy();
});

async function listenOnFreePort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function freePort(): Promise<number> {
  const server = await listenOnFreePort();
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const envFor = (port: number) => ({
  DATABASE_URL: database.url,
  HOST: '127.0.0.1',
  METRICS_PORT: String(port),
  LOG_LEVEL: 'error',
  SHUTDOWN_TIMEOUT_MS: '5000',
});

describe('bootWorker', () => {
  it('is ready once the runner runs, scrapes its pools and queue, and shuts down with 0', async () => {
    const exits: number[] = [];
    const worker = await bootWorker({
      env: envFor(await freePort()),
      signals: [],
      exit: (code) => void exits.push(code),
    });
    expect(worker.config.WORKER_CONCURRENCY).toBe(6);
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
    const text = await (await fetch(`${worker.url}/metrics`)).text();
    expect(text).toContain('cdp_db_pool_connections{pool="tasks",state="total"}');
    expect(text).toMatch(/cdp_worker_queue_jobs\{state="failed"\} 0/);
    expect(text).toMatch(/cdp_change_feed_lag_seconds\{consumer="segment-membership"\} \d/);
    // The tasks' own metrics are on the same /metrics.
    expect(text).toContain('cdp_webhook_deliveries_total{outcome="delivered"} 0');
    expect(text).toContain('cdp_webhook_consent_skipped_total 0');

    expect(await worker.shutdown('test')).toBe(0);
    expect(worker.queue.isRunning()).toBe(false);
    expect(exits).toEqual([]);
  }, 20_000);

  it('starts following the change feed at once, not at the next minute', async () => {
    // A database no worker has run on: no membership job is queued yet.
    const fresh = await createTestDatabase();
    const worker = await bootWorker({
      env: { ...envFor(await freePort()), DATABASE_URL: fresh.url },
      signals: [],
    });
    try {
      // The first membership run, without a cursor, rebuilds and saves one.
      const deadline = Date.now() + 10_000;
      while (
        (await findChangeCursor(fresh.db, 'segment-membership')) === undefined &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await findChangeCursor(fresh.db, 'segment-membership')).toBeDefined();
    } finally {
      await worker.shutdown('test');
      await fresh.destroy();
    }
  }, 30_000);

  it('shuts down and exits 1 when the runner stops on its own', async () => {
    const env = envFor(await freePort());
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    const worker = await bootWorker({ env, signals: [], exit });
    // Behind the worker's back, as a fatal queue error would.
    await worker.queue.runner.stop();
    expect(await exited).toBe(1);
    expect((await fetch(`${worker.url}/healthz`).catch(() => undefined))?.status).toBeUndefined();
  }, 20_000);

  it('fails to start, and closes its listener, when the queue cannot reach its database', async () => {
    const port = await freePort();
    const url = new URL(database.url);
    url.pathname = '/cdp_test_no_such_database';
    await expect(
      bootWorker({ env: { ...envFor(port), DATABASE_URL: url.toString() }, signals: [] }),
    ).rejects.toThrow(/does not exist/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 20_000);

  it('fails to start, closing what it opened, when its port is taken', async () => {
    const taken = await listenOnFreePort();
    try {
      const { port } = taken.address() as AddressInfo;
      await expect(bootWorker({ env: envFor(port), signals: [] })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
