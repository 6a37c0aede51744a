import { eventPartitionName, listEventPartitions, maintainPartitions } from '@stratum/db';
import type { RetentionResult } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
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

function monthFromNow(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

describe('cdp retention run', () => {
  it('drops partitions past 25 months by default and expired dedupe keys', async () => {
    await maintainPartitions(testDb.db, {
      now: monthFromNow(-26),
      monthsBehind: 0,
      monthsAhead: 1,
    });
    const { tenant } = await createTestTenant(testDb.db, { dedupeWindowDays: 7 });
    await testDb.db
      .insertInto('cdp_event_dedupe')
      .values([
        {
          tenant_id: tenant.tenantId,
          event_id: 'old',
          received_at: new Date(Date.now() - 8 * 86_400_000),
        },
        { tenant_id: tenant.tenantId, event_id: 'new', received_at: new Date() },
      ])
      .execute();

    const result = await runCli(['retention', 'run'], env);

    expect(result).toEqual({
      code: 0,
      stdout:
        `dropped ${eventPartitionName(monthFromNow(-26))}\nexpired dedupe keys: 1\n` +
        'expired rejected events: 0\nexpired changes: 0\nexpired source hours: 0\n' +
        'expired volume anomalies: 0\nexpired access documents: 0\n',
      stderr: '',
    });
    const names = (await listEventPartitions(testDb.db)).map((p) => p.name);
    expect(names).toContain(eventPartitionName(monthFromNow(-25)));
    expect(names).not.toContain(eventPartitionName(monthFromNow(-26)));
  });

  it('takes the number of months and prints JSON', async () => {
    const json = parseOutput<RetentionResult>(
      await runCli(['retention', 'run', '--months', '24', '--json'], env),
    );
    expect(json).toEqual({
      droppedPartitions: [eventPartitionName(monthFromNow(-25))],
      expiredDedupeKeys: 0,
      expiredRejectedEvents: 0,
      expiredChanges: 0,
      droppedChangeCursors: [],
      expiredSourceHours: 0,
      expiredVolumeAnomalies: 0,
      expiredAccessResults: 0,
    });
    expect(await runCli(['retention', 'run', '--months', '24'], env)).toMatchObject({
      code: 0,
      stdout:
        'No event partition past retention.\nexpired dedupe keys: 0\nexpired rejected events: 0\n' +
        'expired changes: 0\nexpired source hours: 0\nexpired volume anomalies: 0\n' +
        'expired access documents: 0\n',
    });
  });

  it('deletes access documents past --access-result-days, 30 by default', async () => {
    const { tenant } = await createTestTenant(testDb.db);
    const document = async (daysAgo: number) => {
      const { request_id } = await testDb.db
        .insertInto('cdp_privacy_requests')
        .values({
          tenant_id: tenant.tenantId,
          type: 'access',
          status: 'done',
          identifiers: JSON.stringify([{ type: 'email', hash: 'c'.repeat(64) }]),
          finished_at: new Date(Date.now() - daysAgo * 86_400_000),
        })
        .returning('request_id')
        .executeTakeFirstOrThrow();
      await testDb.db
        .insertInto('cdp_privacy_results')
        .values({ tenant_id: tenant.tenantId, request_id, part: 0, body: '{}' })
        .execute();
    };
    await document(31);
    await document(10);
    const run = async (args: string[]) =>
      parseOutput<RetentionResult>(await runCli(['retention', 'run', '--json', ...args], env))
        .expiredAccessResults;
    expect(await run([])).toBe(1);
    expect(await run(['--access-result-days', '11'])).toBe(0);
    expect(await run(['--access-result-days', '9'])).toBe(1);
  });

  it.each([
    [['--months', '0']],
    [['--months', 'ten']],
    [['--months']],
    [['--change-days', '0']],
    [['--quality-days', '36']],
    [['--access-result-days', '0']],
  ])('exits 2 on %j', async (args) => {
    expect((await runCli(['retention', 'run', ...args], env)).code).toBe(2);
  });
});
