import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTenantById } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';

const BIN = join(__dirname, '..', '..', 'bin', 'cdp.cjs');

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.destroy();
});

function cdp(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      // From another directory, to prove the workspace aliases do not depend on it.
      { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('bin/cdp.cjs', () => {
  it('runs a command as a process and exits with its code', async () => {
    const ok = await cdp(['tenant', 'create', '--name', 'From the shell', '--json'], {
      DATABASE_URL: testDb.url,
    });
    expect(ok.code).toBe(0);
    const created = JSON.parse(ok.stdout) as { tenantId: string };
    expect(await findTenantById(testDb.db, created.tenantId)).toMatchObject({
      name: 'From the shell',
    });

    const usage = await cdp(['tenant', 'create'], { DATABASE_URL: testDb.url });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--name <name>' not specified");

    const failure = await cdp(['migrate', 'status'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    });
    expect(failure.code).toBe(1);
  }, 90_000);
});
