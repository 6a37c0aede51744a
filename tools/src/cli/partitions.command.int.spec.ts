import { eventPartitionName, listEventPartitions } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { sql } from 'kysely';
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

function monthFromNow(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

describe('cdp partitions maintain', () => {
  it('says when every partition exists (the template has them)', async () => {
    expect(await runCli(['partitions', 'maintain'], env)).toEqual({
      code: 0,
      stdout: 'All partitions already exist.\n',
      stderr: '',
    });
  });

  it('creates the missing months ahead', async () => {
    const result = await runCli(['partitions', 'maintain', '--months-ahead', '5'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `created ${eventPartitionName(monthFromNow(4))}\ncreated ${eventPartitionName(monthFromNow(5))}\n`,
    );
    const names = (await listEventPartitions(testDb.db)).map((p) => p.name);
    expect(names).toContain(eventPartitionName(monthFromNow(5)));
  });

  it('creates months behind too, and prints JSON', async () => {
    await sql`DROP TABLE ${sql.id(eventPartitionName(monthFromNow(-1)))}`.execute(testDb.db);
    const json = parseOutput<{ created: string[] }>(
      await runCli(['partitions', 'maintain', '--months-behind', '2', '--json'], env),
    );
    expect(json).toEqual({
      created: [eventPartitionName(monthFromNow(-2)), eventPartitionName(monthFromNow(-1))],
    });
  });

  it.each([[['--months-ahead', '-1']], [['--months-ahead', 'x']], [['--months-behind', '121']]])(
    'exits 2 on %j',
    async (args) => {
      expect((await runCli(['partitions', 'maintain', ...args], env)).code).toBe(2);
    },
  );
});
