import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
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
    const failure: unknown = await startApiApp('profile-api', { env: { PORT: 'eighty' } }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppExitedError);
    const { code, output } = failure as AppExitedError;
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL: is required');
    expect(output).toContain('PORT: must be an integer');
  }, 30_000);

  it('serves on PORT and metrics on METRICS_PORT, then drains and exits 0 on SIGTERM', async () => {
    const tenant = await createTestTenant(database.db);
    const token = 'profile-metrics-token-0123';
    let app: RunningApp | undefined;
    try {
      app = await startApiApp('profile-api', {
        env: { DATABASE_URL: database.url, METRICS_TOKEN: token },
      });
      const { url, metricsUrl } = app;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
      expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${metricsUrl}/metrics`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('cdp_profile_lookups_total');
      const unknown = await fetch(
        `${url}/api/v1/cdp/profiles/00000000-0000-4000-8000-000000000000`,
        {
          headers: { Authorization: `Bearer ${tenant.secretKey.key}` },
        },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('x-request-id')).toBeTruthy();

      expect(await app.stop()).toBe(0);
      expect(app.output()).toContain(`listening on ${url}`);
      expect(app.output()).toContain('"message":"stopped"');
    } finally {
      await app?.stop(0);
    }
  }, 30_000);
});
