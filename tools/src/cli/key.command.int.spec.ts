import { findApiKeyByHash, hashApiKey } from '@stratum/db';
import type { CreatedApiKey } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { parseOutput, runCli } from './cli.testing';

let testDb: TestDatabase;
let env: Record<string, string>;
let tenantId: string;
let sourceId: string;
let otherTenantId: string;
let otherSourceId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
  ({
    tenant: { tenantId },
    source: { sourceId },
  } = await createTestTenant(testDb.db));
  ({
    tenant: { tenantId: otherTenantId },
    source: { sourceId: otherSourceId },
  } = await createTestTenant(testDb.db));
});

afterAll(async () => {
  await testDb.destroy();
});

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('cdp key create', () => {
  it('creates a secret key, prints it once, and stores only its hash', async () => {
    const result = await runCli(
      [
        'key',
        'create',
        '--tenant',
        tenantId,
        '--name',
        'reporting',
        '--scopes',
        'profiles:read, sources:read',
      ],
      env,
    );
    expect(result.code).toBe(0);
    const key = /key:\s+(cdp_sk_\S+)/.exec(result.stdout)?.[1];
    expect(key).toBeDefined();
    expect(result.stdout).toContain('not shown again');
    expect(await findApiKeyByHash(testDb.db, hashApiKey(key!))).toMatchObject({
      tenantId,
      sourceId: null,
      scopes: ['profiles:read', 'sources:read'],
      revokedAt: null,
    });
  });

  it('creates a write key for a source', async () => {
    const created = parseOutput<CreatedApiKey>(
      await runCli(
        [
          'key',
          'create',
          '--tenant',
          tenantId,
          '--name',
          'w',
          '--scopes',
          'events:write',
          '--source',
          sourceId,
          '--json',
        ],
        env,
      ),
    );
    expect(created.key.startsWith('cdp_wk_')).toBe(true);
    expect(await findApiKeyByHash(testDb.db, hashApiKey(created.key))).toMatchObject({ sourceId });
  });

  it.each([
    ['an invalid tenant uuid', ['--tenant', 'acme', '--name', 'k', '--scopes', 'admin']],
    ['an unknown scope', ['--tenant', MISSING, '--name', 'k', '--scopes', 'admin,root']],
    ['empty scopes', ['--tenant', MISSING, '--name', 'k', '--scopes', ' , ']],
    ['missing scopes', ['--tenant', MISSING, '--name', 'k']],
    [
      'an invalid source uuid',
      ['--tenant', MISSING, '--name', 'k', '--scopes', 'admin', '--source', '1'],
    ],
  ])('exits 2 on %s', async (_label, args) => {
    const result = await runCli(['key', 'create', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: /);
  });

  it('exits 1 for an unknown tenant or a source of another tenant', async () => {
    const noTenant = await runCli(
      ['key', 'create', '--tenant', MISSING, '--name', 'k', '--scopes', 'admin'],
      env,
    );
    expect(noTenant).toMatchObject({ code: 1, stderr: 'error: Tenant not found.\n' });
    const foreign = await runCli(
      [
        'key',
        'create',
        '--tenant',
        tenantId,
        '--name',
        'k',
        '--scopes',
        'events:write',
        '--source',
        otherSourceId,
      ],
      env,
    );
    expect(foreign).toMatchObject({ code: 1, stderr: 'error: Source not found in this tenant.\n' });
  });
});

describe('cdp key revoke', () => {
  it('revokes a key of the tenant, once', async () => {
    const created = parseOutput<CreatedApiKey>(
      await runCli(
        ['key', 'create', '--tenant', tenantId, '--name', 'temp', '--scopes', 'admin', '--json'],
        env,
      ),
    );
    const foreign = await runCli(
      ['key', 'revoke', '--tenant', otherTenantId, '--key-id', created.keyId],
      env,
    );
    expect(foreign).toMatchObject({
      code: 1,
      stderr: 'error: No active key with this id in this tenant.\n',
    });

    const revoked = await runCli(
      ['key', 'revoke', '--tenant', tenantId, '--key-id', created.keyId],
      env,
    );
    expect(revoked).toEqual({ code: 0, stdout: `Revoked key ${created.keyId}.\n`, stderr: '' });
    expect((await findApiKeyByHash(testDb.db, hashApiKey(created.key)))?.revokedAt).toBeInstanceOf(
      Date,
    );

    const again = await runCli(
      ['key', 'revoke', '--tenant', tenantId, '--key-id', created.keyId],
      env,
    );
    expect(again.code).toBe(1);
  });

  it('prints JSON', async () => {
    const created = parseOutput<CreatedApiKey>(
      await runCli(
        ['key', 'create', '--tenant', tenantId, '--name', 'json', '--scopes', 'admin', '--json'],
        env,
      ),
    );
    expect(
      parseOutput(
        await runCli(
          ['key', 'revoke', '--tenant', tenantId, '--key-id', created.keyId, '--json'],
          env,
        ),
      ),
    ).toEqual({ keyId: created.keyId, revoked: true });
  });

  it.each([
    [['--tenant', MISSING]],
    [['--tenant', 'x', '--key-id', MISSING]],
    [['--tenant', MISSING, '--key-id', 'x']],
  ])('exits 2 on %j', async (args) => {
    expect((await runCli(['key', 'revoke', ...args], env)).code).toBe(2);
  });
});
