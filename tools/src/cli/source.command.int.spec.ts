import { findApiKeyByHash, hashApiKey } from '@stratum/db';
import type { CreatedApiKey, SourceRecord } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { parseOutput, runCli } from './cli.testing';

let testDb: TestDatabase;
let env: Record<string, string>;
let tenantId: string;

const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
  ({
    tenant: { tenantId },
  } = await createTestTenant(testDb.db, { sourceName: 'Existing' }));
});

afterAll(async () => {
  await testDb.destroy();
});

describe('cdp source create', () => {
  it('creates a source with its write key', async () => {
    const result = await runCli(
      [
        'source',
        'create',
        '--tenant',
        tenantId,
        '--name',
        'Shop',
        '--default-country',
        'de',
        '--rate-limit',
        '600',
      ],
      env,
    );
    expect(result.code).toBe(0);
    const sourceId = /source id:\s+(\S+)/.exec(result.stdout)?.[1];
    const writeKey = /write key:\s+(cdp_wk_\S+)/.exec(result.stdout)?.[1];
    expect(await findApiKeyByHash(testDb.db, hashApiKey(writeKey!))).toEqual({
      tenantId,
      keyId: expect.any(String),
      sourceId,
      scopes: ['events:write'],
      revokedAt: null,
      source: {
        enabled: true,
        defaultCountry: 'DE',
        rateLimitPerMinute: 600,
        allowedOrigins: null,
      },
    });
  });

  it('prints JSON', async () => {
    const created = parseOutput<{ source: SourceRecord; writeKey: CreatedApiKey }>(
      await runCli(['source', 'create', '--tenant', tenantId, '--name', 'App', '--json'], env),
    );
    expect(created.source).toMatchObject({
      name: 'App',
      defaultCountry: null,
      rateLimitPerMinute: null,
    });
    expect(created.writeKey.key.startsWith('cdp_wk_')).toBe(true);
  });

  it('exits 1 for a taken name or an unknown tenant, creating nothing', async () => {
    const taken = await runCli(
      ['source', 'create', '--tenant', tenantId, '--name', 'Existing'],
      env,
    );
    expect(taken).toMatchObject({
      code: 1,
      stderr: 'error: A source with this name already exists in this tenant.\n',
    });
    const unknown = await runCli(['source', 'create', '--tenant', MISSING, '--name', 'X'], env);
    expect(unknown).toMatchObject({ code: 1, stderr: 'error: Tenant not found.\n' });
    const keys = await testDb.db
      .selectFrom('cdp_api_keys')
      .select('key_id')
      .where('name', '=', 'Existing write key')
      .execute();
    expect(keys).toHaveLength(1);
  });

  it.each([
    ['a bad country', ['--name', 'X', '--default-country', 'USA']],
    ['a numeric country', ['--name', 'X', '--default-country', '12']],
    ['a zero rate limit', ['--name', 'X', '--rate-limit', '0']],
    ['a fractional rate limit', ['--name', 'X', '--rate-limit', '1.5']],
    ['no name', []],
  ])('exits 2 on %s', async (_label, args) => {
    const result = await runCli(['source', 'create', '--tenant', tenantId, ...args], env);
    expect(result.code).toBe(2);
  });

  it('exits 2 on an invalid tenant id', async () => {
    expect((await runCli(['source', 'create', '--tenant', '42', '--name', 'X'], env)).code).toBe(2);
  });
});

describe('cdp source list', () => {
  it("lists the tenant's sources, in text and JSON", async () => {
    const text = await runCli(['source', 'list', '--tenant', tenantId], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Existing\s+\(enabled, country US, limit default\)/);
    expect(text.stdout).toMatch(/Shop\s+\(enabled, country DE, limit 600\/min\)/);
    const json = parseOutput<SourceRecord[]>(
      await runCli(['source', 'list', '--tenant', tenantId, '--json'], env),
    );
    expect(json.map((s) => s.name)).toEqual(['Existing', 'Shop', 'App']);
  });

  it('says so when there is none, and refuses an unknown tenant', async () => {
    const { tenant } = await createTestTenant(testDb.db);
    await testDb.db.deleteFrom('cdp_api_keys').where('tenant_id', '=', tenant.tenantId).execute();
    await testDb.db.deleteFrom('cdp_sources').where('tenant_id', '=', tenant.tenantId).execute();
    expect(await runCli(['source', 'list', '--tenant', tenant.tenantId], env)).toMatchObject({
      code: 0,
      stdout: 'No sources.\n',
    });
    expect((await runCli(['source', 'list', '--tenant', MISSING], env)).code).toBe(1);
    expect((await runCli(['source', 'list', '--tenant', 'nope'], env)).code).toBe(2);
    expect((await runCli(['source', 'list'], env)).code).toBe(2);
  });

  it('shows a disabled source', async () => {
    await testDb.db
      .updateTable('cdp_sources')
      .set({ enabled: false })
      .where('name', '=', 'App')
      .execute();
    const text = await runCli(['source', 'list', '--tenant', tenantId], env);
    expect(text.stdout).toMatch(/App\s+\(disabled/);
  });
});
