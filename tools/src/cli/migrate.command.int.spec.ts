import { MIGRATIONS } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { parseOutput, runCli } from './cli.testing';

let testDb: TestDatabase;
let env: Record<string, string>;
const names = Object.keys(MIGRATIONS).sort();
const last = names[names.length - 1]!;

beforeAll(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
});

afterAll(async () => {
  await testDb.destroy();
});

describe('cdp migrate', () => {
  it('status lists every migration as applied', async () => {
    const result = await runCli(['migrate', 'status'], env);
    expect(result.code).toBe(0);
    for (const name of names) expect(result.stdout).toContain(name);
    expect(result.stdout).toContain('Up to date.');
    const json = parseOutput<{ name: string; executedAt: string | null }[]>(
      await runCli(['migrate', 'status', '--json'], env),
    );
    expect(json.map((m) => m.name)).toEqual(names);
    expect(json.every((m) => m.executedAt !== null)).toBe(true);
  });

  it('up on an up-to-date database changes nothing', async () => {
    const result = await runCli(['migrate', 'up'], env);
    expect(result).toEqual({ code: 0, stdout: 'Already up to date.\n', stderr: '' });
  });

  it('down reverts one migration, status shows it pending, up applies it again', async () => {
    const down = await runCli(['migrate', 'down'], env);
    expect(down).toMatchObject({ code: 0, stdout: `reverted ${last}\n` });
    const status = await runCli(['migrate', 'status'], env);
    expect(status.stdout).toMatch(new RegExp(`pending\\s+${last}`));
    expect(status.stdout).toContain('1 pending.');
    const up = parseOutput<{ migrationName: string; direction: string; status: string }[]>(
      await runCli(['migrate', 'up', '--json'], env),
    );
    expect(up).toEqual([{ migrationName: last, direction: 'Up', status: 'Success' }]);
  });

  it('down all the way, then again, reports nothing left to revert', async () => {
    for (let i = 0; i < names.length; i += 1) {
      expect((await runCli(['migrate', 'down', '--json'], env)).code).toBe(0);
    }
    expect(await runCli(['migrate', 'down'], env)).toMatchObject({
      code: 0,
      stdout: 'No migration to revert.\n',
    });
    const up = await runCli(['migrate', 'up'], env);
    expect(up.stdout.trim().split('\n')).toEqual(names.map((n) => `applied ${n}`));
  });

  it('exits 1 with the failing migration named when a migration fails', async () => {
    // Forget the consents migration (and those after it) but keep its table: re-running it
    // collides.
    const colliding = '2026_11_23_0930_create_consents';
    await testDb.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '>=', colliding as never)
      .execute();
    const result = await runCli(['migrate', 'up'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`in ${colliding}`);
  });
});
