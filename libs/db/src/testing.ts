// Fixtures for tests of any package that needs PostgreSQL (`@stratum/db/testing`).
// Requires the jest global setup in libs/db/src/test-server/ to be registered.
import { randomBytes } from 'node:crypto';
import type { Db } from './database';
import { createDb } from './pool/create-db';
import type { CreateDbOptions } from './pool/create-db';
import { createApiKey } from './repositories/api-key.repository';
import type { CreatedApiKey } from './repositories/api-key.repository';
import { DEMO_SECRET_KEY_SCOPES, seedTenant } from './repositories/seed-demo';
import type { SeededTenant } from './repositories/seed-demo';
import { createSource } from './repositories/source.repository';
import type { SourceRecord } from './repositories/source.repository';
import type { ApiScope } from '@stratum/schemas';
import {
  createDatabaseFromTemplate,
  dropTestDatabase,
  withAdminClient,
} from './test-server/admin-client';
import { TEST_ENV, databaseUrl, testDatabaseName } from './test-server/test-database-names';

/** A fresh, migrated database for one test file. */
export interface TestDatabase {
  db: Db;
  /** Its connection URL, e.g. for an app under test that creates its own pool. */
  url: string;
  /** Its name (always starts with `cdp_test_`). */
  name: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: register libs/db/src/test-server/test-database-setup.ts as jest globalSetup ` +
        '(and test-database-teardown.ts as globalTeardown) in this project’s jest.config.cjs',
    );
  }
  return value;
}

/**
 * Creates a database from the run's migrated template (`CREATE DATABASE … TEMPLATE …`), so
 * every test file starts from the same clean schema and files can run in parallel.
 * Call `destroy()` in `afterAll`.
 */
export async function createTestDatabase(
  options: Omit<CreateDbOptions, 'databaseUrl'> = {},
): Promise<TestDatabase> {
  const serverUrl = requireEnv(TEST_ENV.serverUrl);
  const template = requireEnv(TEST_ENV.templateDatabase);
  const name = testDatabaseName(requireEnv(TEST_ENV.runId), randomBytes(6).toString('hex'));
  await withAdminClient(serverUrl, (client) => createDatabaseFromTemplate(client, name, template));
  const url = databaseUrl(serverUrl, name);
  const db = createDb({
    applicationName: 'cdp-test',
    connectionTimeoutMs: 10_000,
    ...options,
    databaseUrl: url,
  });
  let destroyed = false;
  return {
    db,
    url,
    name,
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await db.destroy();
      await withAdminClient(serverUrl, (client) => dropTestDatabase(client, name));
    },
  };
}

export interface TestTenantOverrides {
  tenantName?: string;
  dedupeWindowDays?: number;
  sourceName?: string;
  defaultCountry?: string | null;
  rateLimitPerMinute?: number | null;
  /** Scopes of the secret key; default: the demo secret key's. */
  secretKeyScopes?: readonly ApiScope[];
}

/**
 * Creates a tenant with one source (default country US), the source's write key and a secret
 * key; names are unique per call. Keys are returned in plaintext for requests in tests.
 */
export async function createTestTenant(
  db: Db,
  overrides: TestTenantOverrides = {},
): Promise<SeededTenant> {
  const suffix = randomBytes(4).toString('hex');
  return seedTenant(db, {
    tenantName: overrides.tenantName ?? `Test Tenant ${suffix}`,
    dedupeWindowDays: overrides.dedupeWindowDays,
    sourceName: overrides.sourceName ?? `Test Source ${suffix}`,
    defaultCountry: overrides.defaultCountry === undefined ? 'US' : overrides.defaultCountry,
    rateLimitPerMinute: overrides.rateLimitPerMinute,
    secretKeyScopes: overrides.secretKeyScopes ?? DEMO_SECRET_KEY_SCOPES,
  });
}

export interface TestSourceOverrides {
  name?: string;
  allowedOrigins?: string[] | null;
  rateLimitPerMinute?: number | null;
}

/**
 * Adds a source with its write key to a tenant, as `POST /sources` of the admin API does, for
 * tests of an app that does not serve that route. The name is unique per call by default.
 */
export async function createTestSource(
  db: Db,
  tenantId: string,
  overrides: TestSourceOverrides = {},
): Promise<{ source: SourceRecord; writeKey: CreatedApiKey }> {
  return db.transaction().execute(async (trx) => {
    const created = await createSource(trx, {
      tenantId,
      name: overrides.name ?? `Test Source ${randomBytes(4).toString('hex')}`,
      defaultCountry: 'US',
      rateLimitPerMinute: overrides.rateLimitPerMinute,
      allowedOrigins: overrides.allowedOrigins,
    });
    if (!created.ok) throw new Error('createTestSource: the tenant already has this source name');
    const writeKey = await createApiKey(trx, {
      tenantId,
      sourceId: created.value.sourceId,
      name: `${created.value.name} write key`,
      scopes: ['events:write'],
    });
    return { source: created.value, writeKey };
  });
}
