import { findTenantById } from '@stratum/db';
import type { TenantRecord } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { parseOutput, runCli } from './cli.testing';

let testDb: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
});

afterAll(async () => {
  await testDb.destroy();
});

describe('cdp tenant create', () => {
  it('creates a tenant and prints its id', async () => {
    const result = await runCli(['tenant', 'create', '--name', 'Acme GmbH'], env);
    expect(result.code).toBe(0);
    const id = /tenant id:\s+([0-9a-f-]{36})/.exec(result.stdout)?.[1];
    expect(id).toBeDefined();
    expect(await findTenantById(testDb.db, id!)).toMatchObject({
      name: 'Acme GmbH',
      dedupeWindowDays: 7,
    });
  });

  it('takes a dedupe window and prints JSON', async () => {
    const created = parseOutput<TenantRecord>(
      await runCli(
        ['tenant', 'create', '--name', 'Json Co', '--dedupe-window-days', '30', '--json'],
        env,
      ),
    );
    expect(created).toMatchObject({ name: 'Json Co', dedupeWindowDays: 30 });
    expect(await findTenantById(testDb.db, created.tenantId)).toBeDefined();
  });

  it.each([
    [['tenant', 'create']],
    [['tenant', 'create', '--name', '   ']],
    [['tenant', 'create', '--name', 'x', '--dedupe-window-days', '0']],
    [['tenant', 'create', '--name', 'x', '--dedupe-window-days', '366']],
    [['tenant', 'create', '--name', 'x', '--dedupe-window-days', 'week']],
  ])('exits 2 on %j', async (args) => {
    const before = await testDb.db.selectFrom('cdp_tenants').select('tenant_id').execute();
    const result = await runCli(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error/);
    const after = await testDb.db.selectFrom('cdp_tenants').select('tenant_id').execute();
    expect(after).toHaveLength(before.length);
  });
});
