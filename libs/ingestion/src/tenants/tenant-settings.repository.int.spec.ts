import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTenantSettingsReader } from './tenant-settings.repository';

let testDb: TestDatabase;
let db: Kysely<Database>;
let reads = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testDb.url, max: 4 }) }),
    log: (event) => {
      if (event.level === 'query' && event.query.sql.includes('"cdp_tenants"')) reads += 1;
    },
  });
});
afterAll(async () => {
  await db.destroy();
  await testDb.destroy();
});
beforeEach(() => {
  reads = 0;
});

describe('createTenantSettingsReader', () => {
  it('answers concurrent requests for a tenant with one query, then from the cache', async () => {
    const { tenant } = await createTestTenant(testDb.db);
    const read = createTenantSettingsReader(db);
    const answers = await Promise.all(Array.from({ length: 20 }, () => read(tenant.tenantId)));
    await read(tenant.tenantId);
    expect(reads).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatchObject({ dedupeWindowDays: 7, identifierLimits: { external_id: 1 } });
  });

  it('reads again once the entry expires', async () => {
    const { tenant } = await createTestTenant(testDb.db);
    const read = createTenantSettingsReader(db, 0);
    await read(tenant.tenantId);
    await read(tenant.tenantId);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const read = createTenantSettingsReader(db);
    const unknown = randomUUID();
    await expect(read(unknown)).rejects.toThrow();
    await expect(read(unknown)).rejects.toThrow();
    expect(reads).toBe(2);
  });
});
