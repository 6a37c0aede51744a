import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { AppExitedError, startApiApp } from '@stratum/http/testing';
import type { RunningApp } from '@stratum/http/testing';

// main.ts as it ships: bundled the way `nx build` and `npm start` bundle it, run by node.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await database.destroy();
});

async function readyStatus(url: string): Promise<number> {
  // /healthz answers as soon as the listener is up; /readyz once the runner runs too.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { status } = await fetch(`${url}/readyz`);
    if (status === 200 || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('main', () => {
  it('exits 1 naming every bad variable', async () => {
    const failure: unknown = await startApiApp('worker', {
      metricsOnly: true,
      env: { WORKER_CONCURRENCY: 'many', RETENTION_RUN_CRON: 'nightly' },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppExitedError);
    const { code, output } = failure as AppExitedError;
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL: is required');
    expect(output).toContain('WORKER_CONCURRENCY: must be an integer');
    expect(output).toContain('RETENTION_RUN_CRON: must be a crontab time');
  }, 30_000);

  it('serves health and metrics on METRICS_PORT, then finishes and exits 0 on SIGTERM', async () => {
    const token = 'worker-metrics-token-0123';
    let app: RunningApp | undefined;
    try {
      app = await startApiApp('worker', {
        metricsOnly: true,
        env: { DATABASE_URL: database.url, METRICS_TOKEN: token },
      });
      const { url } = app;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await readyStatus(url)).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${url}/metrics`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect(text).toContain(
        'cdp_worker_jobs_total{task="partitions-maintain",outcome="success"} 0',
      );
      // The membership chain starts at boot, so a job may be ready at the moment of the scrape.
      expect(text).toMatch(/cdp_worker_queue_jobs\{state="ready"\} \d+/);
      expect(text).toContain('cdp_db_pool_connections{pool="queue",state="total"}');

      expect(await app.stop()).toBe(0);
      expect(app.output()).toContain(`listening on ${url}`);
      expect(app.output()).toContain('"message":"worker started"');
      expect(app.output()).toContain('"message":"stopped"');
    } finally {
      await app?.stop(0);
    }
  }, 30_000);
});
