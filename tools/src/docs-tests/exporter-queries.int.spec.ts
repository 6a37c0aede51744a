import { sql } from 'kysely';
import { eventPartitionName, listEventPartitions } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { parseExporterQueries, readMonitoringFile } from './monitoring-files';

const [partitions] = parseExporterQueries(readMonitoringFile('postgres-exporter-queries.yml'));

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

interface PartitionRow {
  next_month_present: number;
  future_months: number;
  oldest_start_seconds: string;
  default_rows: number;
}

async function measure(): Promise<PartitionRow> {
  const { rows } = await sql.raw<PartitionRow>(partitions!.query).execute(testDb.db);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function monthStart(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

describe('docs/monitoring/postgres-exporter-queries.yml', () => {
  it('defines the partition metrics the alerts read, one column each', () => {
    expect(partitions!.namespace).toBe('cdp_event_partitions');
    expect(partitions!.metrics).toEqual([
      'cdp_event_partitions_next_month_present',
      'cdp_event_partitions_future_months',
      'cdp_event_partitions_oldest_start_seconds',
      'cdp_event_partitions_default_rows',
    ]);
  });

  it('reports partitions as cdp partitions maintain leaves them', async () => {
    const oldest = (await listEventPartitions(testDb.db)).find((p) => !p.isDefault)!;
    const row = await measure();
    expect({ ...row, oldest_start_seconds: Number(row.oldest_start_seconds) }).toEqual({
      next_month_present: 1,
      future_months: 3,
      oldest_start_seconds: oldest.from!.getTime() / 1000,
      default_rows: 0,
    });
  });

  it('reports events waiting in the DEFAULT partition', async () => {
    const { tenant, source } = await createTestTenant(testDb.db);
    await testDb.db
      .insertInto('cdp_events')
      .values({
        tenant_id: tenant.tenantId,
        event_id: 'far-future',
        occurred_at: monthStart(24),
        received_at: new Date(),
        source_id: source.sourceId,
        profile_id: '00000000-0000-4000-8000-000000000001',
        type: 'track',
        name: 'Order Completed',
      })
      .execute();
    expect((await measure()).default_rows).toBe(1);
  });

  it('reports a missing partition for next month', async () => {
    await sql`DROP TABLE ${sql.id(eventPartitionName(monthStart(1)))}`.execute(testDb.db);
    expect(await measure()).toMatchObject({ next_month_present: 0, future_months: 2 });
  });
});
