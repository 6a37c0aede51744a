import { sql } from 'kysely';
import pg from 'pg';
import { createDb } from '../pool/create-db';
import { createTestDatabase, createTestTenant } from '../testing';
import type { TestDatabase } from '../testing';
import { hashApiKey } from '../repositories/api-key';
import { findApiKeyByHash } from '../repositories/api-key.repository';
import {
  createDatabaseFromTemplate,
  dropRunDatabases,
  dropTestDatabase,
  withAdminClient,
} from './admin-client';
import setupTestDatabases from './test-database-setup';
import teardownTestDatabases from './test-database-teardown';
import { TEST_ENV, databaseUrl } from './test-database-names';

const serverUrl = (): string => process.env[TEST_ENV.serverUrl]!;

async function databaseExists(name: string): Promise<boolean> {
  return withAdminClient(serverUrl(), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  });
}

describe('createTestDatabase', () => {
  it('gives each caller its own migrated database and drops it on destroy', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      expect(a.name.startsWith('cdp_test_')).toBe(true);
      await a.db.insertInto('cdp_tenants').values({ name: 'only in a' }).execute();
      const inB = await b.db.selectFrom('cdp_tenants').select('name').execute();
      expect(inB).toEqual([]);
      const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(a.db);
      expect(rows[0]?.db).toBe(a.name);
    } finally {
      await a.destroy();
      await a.destroy();
      await b.destroy();
    }
    expect(await databaseExists(a.name)).toBe(false);
    expect(await databaseExists(b.name)).toBe(false);
  });

  it('explains what is missing when the global setup did not run', async () => {
    const saved = process.env[TEST_ENV.templateDatabase];
    delete process.env[TEST_ENV.templateDatabase];
    try {
      await expect(createTestDatabase()).rejects.toThrow(/globalSetup/);
    } finally {
      process.env[TEST_ENV.templateDatabase] = saved;
    }
  });
});

describe('createTestTenant', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });

  afterAll(async () => {
    await testDb.destroy();
  });

  it('creates a tenant, a source and working keys; names differ per call', async () => {
    const first = await createTestTenant(testDb.db);
    const second = await createTestTenant(testDb.db, {
      tenantName: 'Custom',
      dedupeWindowDays: 2,
      sourceName: 'Server',
      defaultCountry: null,
      rateLimitPerMinute: 5,
      secretKeyScopes: ['admin'],
    });
    expect(first.tenant.name).not.toBe((await createTestTenant(testDb.db)).tenant.name);
    expect(first.source.defaultCountry).toBe('US');
    expect(second).toMatchObject({
      tenant: { name: 'Custom', dedupeWindowDays: 2 },
      source: { name: 'Server', defaultCountry: null, rateLimitPerMinute: 5 },
      secretKey: { scopes: ['admin'] },
    });
    expect(await findApiKeyByHash(testDb.db, hashApiKey(first.writeKey.key))).toMatchObject({
      tenantId: first.tenant.tenantId,
      sourceId: first.source.sourceId,
    });
  });
});

describe('admin helpers', () => {
  it('refuse to drop or create a database that is not a test database', async () => {
    await withAdminClient(serverUrl(), async (client) => {
      await expect(dropTestDatabase(client, 'postgres')).rejects.toThrow('not a test database');
      await expect(createDatabaseFromTemplate(client, 'prod', 'cdp_test_x')).rejects.toThrow(
        'not a test database',
      );
      await expect(dropRunDatabases(client, 'cdp')).rejects.toThrow('not a test database');
    });
  });

  it('wait for a connection on the template to go away, then copy it', async () => {
    const run = `cdp_test_admin${Date.now().toString(36)}_`;
    const template = `${run}template`;
    await withAdminClient(serverUrl(), (client) => client.query(`CREATE DATABASE ${template}`));
    const squatter = new pg.Client({ connectionString: databaseUrl(serverUrl(), template) });
    await squatter.connect();
    const leave = setTimeout(() => void squatter.end(), 300);
    try {
      await withAdminClient(serverUrl(), (client) =>
        createDatabaseFromTemplate(client, `${run}copy`, template),
      );
      expect(await databaseExists(`${run}copy`)).toBe(true);
    } finally {
      clearTimeout(leave);
      await squatter.end().catch(() => undefined);
    }
    // Unique, so a run that stopped half-way (or another run on the same server) is no bystander here.
    const other = `cdp_test_bystander${Date.now().toString(36)}`;
    await withAdminClient(serverUrl(), (client) => client.query(`CREATE DATABASE ${other}`));
    const dropped = await withAdminClient(serverUrl(), (client) => dropRunDatabases(client, run));
    expect(dropped).toEqual([`${run}copy`, template]);
    expect(await databaseExists(other)).toBe(true);
    await withAdminClient(serverUrl(), (client) => dropTestDatabase(client, other));
    // CREATE DATABASE waits for a checkpoint: slow on a busy server, never wrong.
  }, 30_000);
});

describe('global setup and teardown', () => {
  const keys = [TEST_ENV.serverUrl, TEST_ENV.templateDatabase, TEST_ENV.runId, 'DATABASE_URL'];
  let saved: Record<string, string | undefined>;

  beforeEach(() => {
    saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  });

  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('do nothing when this run already has a template', async () => {
    await setupTestDatabases();
    expect(process.env[TEST_ENV.templateDatabase]).toBe(saved[TEST_ENV.templateDatabase]);
    await teardownTestDatabases();
    expect(process.env[TEST_ENV.templateDatabase]).toBe(saved[TEST_ENV.templateDatabase]);
  });

  it('use DATABASE_URL, build a migrated template once, and drop it on teardown', async () => {
    const server = saved[TEST_ENV.serverUrl]!;
    for (const key of keys) delete process.env[key];
    process.env.DATABASE_URL = server;

    await setupTestDatabases();
    const template = process.env[TEST_ENV.templateDatabase]!;
    expect(template).toMatch(/^cdp_test_[a-z0-9]+_template$/);
    expect(template).not.toBe(saved[TEST_ENV.templateDatabase]);
    expect(process.env[TEST_ENV.serverUrl]).toBe(server);
    await setupTestDatabases();
    expect(process.env[TEST_ENV.templateDatabase]).toBe(template);

    const db = createDb({ databaseUrl: databaseUrl(server, template) });
    try {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM kysely_migration`.execute(
        db,
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }

    await teardownTestDatabases();
    expect(process.env[TEST_ENV.templateDatabase]).toBeUndefined();
    expect(
      await withAdminClient(
        server,
        async (c) =>
          (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount,
      ),
    ).toBe(0);
    await teardownTestDatabases();
  });
});
