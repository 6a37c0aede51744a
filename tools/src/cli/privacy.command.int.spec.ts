import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { sha256Hex } from '@stratum/identity';
import { seedEvents } from '@stratum/privacy/testing';
import type { PrivacyRequest } from '@stratum/schemas';
import { parseOutput, runCli } from './cli.testing';

let testDb: TestDatabase;
let env: Record<string, string>;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
});
afterAll(() => testDb.destroy());

describe('cdp privacy suppress, unsuppress and status', () => {
  it('suppresses by value and by hash, shows the request, and lifts it', async () => {
    const suppressed = parseOutput<PrivacyRequest>(
      await runCli(
        [
          'privacy',
          'suppress',
          '--tenant',
          tenantId,
          '--identifier',
          'email=Kim@Example.com',
          '--hash',
          `phone=${sha256Hex('+14155550100')}`,
          '--json',
        ],
        env,
      ),
    );
    expect(suppressed).toMatchObject({
      type: 'suppress',
      status: 'done',
      identifiers: [
        { type: 'email', hash: sha256Hex('kim@example.com') },
        { type: 'phone', hash: sha256Hex('+14155550100') },
      ],
      counts: { suppressions_added: 2 },
    });
    const status = await runCli(
      ['privacy', 'status', suppressed.request_id, '--tenant', tenantId],
      env,
    );
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`suppress request ${suppressed.request_id}: done`);
    expect(status.stdout).toContain('suppressions_added: 2');

    const lifted = await runCli(
      ['privacy', 'unsuppress', '--tenant', tenantId, '--identifier', 'email=kim@example.com'],
      env,
    );
    expect(lifted.stdout).toContain('1 suppression lifted');
  });

  it.each([
    [['--identifier', 'fax=1'], /Write <type>=<value>/],
    [
      ['--identifier', 'email=not-an-email'],
      /--identifier #1 \(email\) is not a valid email address/,
    ],
    [[], /Give at least one --identifier or --hash/],
  ])('refuses %j with a usage error that does not quote the value', async (args, message) => {
    const result = await runCli(['privacy', 'suppress', '--tenant', tenantId, ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('not-an-email');
  });

  it('fails for an unknown request or tenant', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await runCli(['privacy', 'status', unknown, '--tenant', tenantId], env)).code).toBe(1);
    const result = await runCli(
      ['privacy', 'suppress', '--tenant', unknown, '--identifier', 'email=a@example.com'],
      env,
    );
    expect(result).toMatchObject({ code: 1, stderr: 'error: Tenant not found.\n' });
  });
});

describe('cdp privacy access', () => {
  it('runs the request here and writes the document to --out (owner-only) or stdout', async () => {
    await seedEvents(testDb.db, tenantId, [
      { identifiers: [{ type: 'email', value: 'lin@example.com' }], traits: { plan: 'pro' } },
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'cdp-access-'));
    const out = path.join(dir, 'access.json');
    const args = [
      'privacy',
      'access',
      '--tenant',
      tenantId,
      '--identifier',
      'email=lin@example.com',
    ];
    const result = await runCli([...args, '--out', out], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('access request');
    expect(result.stdout).toContain('events: 1');
    const document = JSON.parse(await readFile(out, 'utf8'));
    expect(document.profiles).toEqual([expect.objectContaining({ traits: { plan: 'pro' } })]);
    expect((await stat(out)).mode & 0o777).toBe(0o600);

    const printed = await runCli(args, env);
    expect(JSON.parse(printed.stdout)).toMatchObject({ events: [expect.any(Object)] });
    await rm(dir, { recursive: true });
  });
});

describe('cdp privacy erase', () => {
  it('erases here and now, and says what went', async () => {
    await seedEvents(testDb.db, tenantId, [
      { identifiers: [{ type: 'email', value: 'gone@example.com' }] },
    ]);
    const erased = parseOutput<PrivacyRequest>(
      await runCli(
        [
          'privacy',
          'erase',
          '--tenant',
          tenantId,
          '--identifier',
          'email=gone@example.com',
          '--json',
        ],
        env,
      ),
    );
    expect(erased).toMatchObject({
      type: 'erase',
      status: 'done',
      profiles_affected: 1,
      identifiers: [{ type: 'email', hash: null }],
      counts: { events: 1, profiles: 1 },
    });
  });
});
