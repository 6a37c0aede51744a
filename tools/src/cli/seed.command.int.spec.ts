import { DEMO_SECRET_KEY_SCOPES, MIGRATIONS, findApiKeyByHash, hashApiKey } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { parseOutput, runCli } from './cli.testing';

let testDb: TestDatabase;
let env: Record<string, string>;

beforeEach(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
});

afterEach(async () => {
  await testDb.destroy();
});

describe('cdp seed demo', () => {
  it('creates the demo tenant once and prints working keys', async () => {
    const first = await runCli(['seed', 'demo'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Created tenant "Demo Company"');
    const writeKey = /write key \(events:write\): (cdp_wk_\S+)/.exec(first.stdout)?.[1];
    const secretKey = /secret key \([^)]+\): (cdp_sk_\S+)/.exec(first.stdout)?.[1];
    expect(await findApiKeyByHash(testDb.db, hashApiKey(writeKey!))).toMatchObject({
      scopes: ['events:write'],
      source: { defaultCountry: 'US' },
    });
    expect(await findApiKeyByHash(testDb.db, hashApiKey(secretKey!))).toMatchObject({
      scopes: [...DEMO_SECRET_KEY_SCOPES],
    });

    const second = await runCli(['seed', 'demo'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already exists');
    expect(second.stdout).not.toContain('cdp_');
    const tenants = await testDb.db.selectFrom('cdp_tenants').select('tenant_id').execute();
    expect(tenants).toHaveLength(1);
  });

  it('prints JSON', async () => {
    const created = parseOutput<{
      created: boolean;
      tenantId: string;
      writeKey: string;
      secretKey: string;
    }>(await runCli(['seed', 'demo', '--json'], env));
    expect(created).toMatchObject({ created: true, writeKey: expect.stringMatching(/^cdp_wk_/) });
    expect(parseOutput(await runCli(['seed', 'demo', '--json'], env))).toEqual({
      created: false,
      tenantId: created.tenantId,
    });
  });

  it('exits 1 when the database is not migrated', async () => {
    for (let i = 0; i < Object.keys(MIGRATIONS).length; i += 1) {
      expect((await runCli(['migrate', 'down'], env)).code).toBe(0);
    }
    const result = await runCli(['seed', 'demo'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: relation "cdp_tenants" does not exist/);
  });
});
