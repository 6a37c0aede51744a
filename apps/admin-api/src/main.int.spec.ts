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

describe('main', () => {
  it('exits 1 naming every bad variable', async () => {
    const failure: unknown = await startApiApp('admin-api', { env: { PORT: 'eighty' } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppExitedError);
    const { code, output } = failure as AppExitedError;
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL: is required');
    expect(output).toContain('PORT: must be an integer');
  }, 30_000);

  it('serves on PORT and metrics on METRICS_PORT, then exits 0 on SIGTERM', async () => {
    let app: RunningApp | undefined;
    try {
      app = await startApiApp('admin-api', { env: { DATABASE_URL: database.url } });
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
      const scraped = await fetch(`${app.metricsUrl}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('http_request_duration_seconds');
      expect(await app.stop()).toBe(0);
      expect(app.output()).toContain('"message":"stopped"');
    } finally {
      await app?.stop(0);
    }
  }, 60_000);
});
