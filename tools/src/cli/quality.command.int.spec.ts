import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { SeededTenant } from '@stratum/db';
import { parseOutput, runCli } from './cli.testing';

let testDb: TestDatabase;
let env: Record<string, string>;
let tenant: SeededTenant;

beforeAll(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
  tenant = await createTestTenant(testDb.db);
});
afterAll(() => testDb.destroy());

const anomalies = () =>
  testDb.db
    .selectFrom('cdp_volume_anomalies')
    .selectAll()
    .where('source_id', '=', tenant.source.sourceId)
    .execute();

describe('cdp quality replay', () => {
  it('writes five weeks of ordinary hours and flags nothing', async () => {
    const result = await runCli(['quality', 'replay', '--source', tenant.source.sourceId], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^wrote 840 hours, .*\nnot flagged: /);
    const { n } = await testDb.db
      .selectFrom('cdp_source_hours')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_id', '=', tenant.source.sourceId)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(840);
    expect(await anomalies()).toEqual([]);
  });

  it.each([
    ['drop', 'critical'],
    ['spike', expect.stringMatching(/^(warning|critical)$/)],
    ['silence', 'critical'],
  ])('flags a %s on the last hour and records it', async (kind, severity) => {
    const result = await runCli(
      ['quality', 'replay', '--source', tenant.source.sourceId, '--anomaly', kind, '--json'],
      env,
    );

    expect(result.code).toBe(0);
    const out = parseOutput<{ hours: number; last: string; anomaly: { kind: string } }>(result);
    expect(out).toMatchObject({ hours: 840, anomaly: { kind, severity } });
    expect(await anomalies()).toContainEqual(
      expect.objectContaining({ kind, hour: new Date(out.last) }),
    );
  });

  it('refuses an unknown source (1) and an unknown anomaly (2)', async () => {
    const unknown = await runCli(
      ['quality', 'replay', '--source', '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No source');
    const bad = await runCli(
      ['quality', 'replay', '--source', tenant.source.sourceId, '--anomaly', 'dip'],
      env,
    );
    expect(bad.code).toBe(2);
  });
});
