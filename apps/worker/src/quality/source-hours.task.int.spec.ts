import type { Db, NewSourceHourRow, SeededTenant } from '@stratum/db';
import { upsertSourceHours } from '@stratum/db';
import { createTestDatabase, createTestSource, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { Registry } from 'prom-client';
import { ingestSourceEvents } from '../testing/source-events';
import { createQualityMetrics } from './quality-metrics';
import { runSourceHours } from './source-hours.task';

let database: TestDatabase;
let db: Db;
let shop: SeededTenant;
let app: SeededTenant;
const registry = new Registry();
const metrics = createQualityMetrics(registry);
const { logger } = createTestLogger('info');
const deps = () => ({ db, logger, metrics });

const HOUR = 3_600_000;
const T = new Date('2026-11-20T10:00:00Z');
const at = (hours: number, minutes = 0) => new Date(T.getTime() + hours * HOUR + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  shop = await createTestTenant(db);
  app = await createTestTenant(db);
}, 60_000);
afterAll(() => database.destroy());

const hourRow = (sourceId: string, hour: Date) =>
  db
    .selectFrom('cdp_source_hours')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('hour', '=', hour)
    .executeTakeFirst();

async function reject(tenant: SeededTenant, reason: string, rejectedAt: Date): Promise<void> {
  await db
    .insertInto('cdp_rejected_events')
    .values({
      tenant_id: tenant.tenant.tenantId,
      source_id: tenant.source.sourceId,
      rejected_at: rejectedAt,
      route: 'events',
      event_id: `rejected-${reason}`,
      event_index: 0,
      reason,
      errors: JSON.stringify([]),
      payload: null,
    })
    .execute();
}

describe('the source-hours task', () => {
  it('counts a source-hour and tallies its match keys, catching up at most two days', async () => {
    const ip = { ip: '203.0.113.9' };
    await ingestSourceEvents(db, {
      tenantId: shop.tenant.tenantId,
      sourceId: shop.source.sourceId,
      events: [
        { identifiers: [{ type: 'email', value: 'a@example.com' }], at: at(0, 10), context: ip },
        { identifiers: [{ type: 'email', value: 'b@example.com' }], at: at(0, 20), context: ip },
        {
          identifiers: [
            { type: 'email', value: 'c@example.com' },
            { type: 'phone', value: '+14155550101' },
          ],
          at: at(0, 30),
          context: ip,
        },
        { identifiers: [{ type: 'anonymous_id', value: 'anon-1' }], at: at(0, 59), context: ip },
        // Received in the next hour: not this one's.
        { identifiers: [{ type: 'email', value: 'd@example.com' }], at: at(1, 0) },
      ],
    });
    await reject(shop, 'invalid_identifier', at(0, 5));
    await reject(shop, 'suppressed', at(0, 6));

    const result = await runSourceHours(deps(), at(1, 5));

    expect(result.hours).toHaveLength(48);
    expect(result.hours.at(-1)).toEqual(T);
    expect(await hourRow(shop.source.sourceId, T)).toMatchObject({
      accepted: 4,
      rejected: 1,
      suppressed: 1,
      sampled: 4,
      email: 3,
      phone: 1,
      external_id: 0,
      click_id: 0,
      ip: 4,
      user_agent: 0,
    });
    // 3 × 0.75 + 2 × 0.25 + 1 × 1, as docs/DATA_QUALITY.md works it out.
    expect((await registry.getSingleMetric('cdp_source_match_quality')!.get()).values).toEqual([
      { labels: { tenant_id: shop.tenant.tenantId, source_id: shop.source.sourceId }, value: 3.8 },
    ]);
  });

  it('writes the same row again when re-run, and catches up the hours missed since', async () => {
    const again = await runSourceHours(deps(), at(1, 50));
    expect(again.hours).toEqual([T]);
    expect(await hourRow(shop.source.sourceId, T)).toMatchObject({ accepted: 4, email: 3 });

    const later = await runSourceHours(deps(), at(4, 5));
    expect(later.hours).toEqual([at(1), at(2), at(3)]);
    expect(await hourRow(shop.source.sourceId, at(1))).toMatchObject({ accepted: 1, email: 1 });
  });

  it('flags a source whose busy hour goes quiet, and exports the flag', async () => {
    // A source switched off on purpose is quiet too, and not an anomaly.
    const { source: off } = await createTestSource(db, app.tenant.tenantId);
    await db
      .updateTable('cdp_sources')
      .set({ enabled: false })
      .where('source_id', '=', off.sourceId)
      .execute();
    // Five weeks of a steady 100 events an hour before hour 4, all with an email.
    const history: NewSourceHourRow[] = [];
    for (let hour = 4 - 5 * 168; hour < 4; hour += 1) {
      for (const sourceId of [app.source.sourceId, off.sourceId]) {
        history.push({
          tenant_id: app.tenant.tenantId,
          source_id: sourceId,
          hour: at(hour),
          accepted: 100,
          sampled: 100,
          email: 100,
        });
      }
    }
    await upsertSourceHours(db, history);

    const result = await runSourceHours(deps(), at(5, 5));

    expect(result.anomalies).toEqual([
      expect.objectContaining({
        source_id: app.source.sourceId,
        hour: at(4),
        kind: 'drop',
        severity: 'critical',
        count: 0,
        expected: 100,
      }),
    ]);
    const stored = await db
      .selectFrom('cdp_volume_anomalies')
      .selectAll()
      .where('tenant_id', '=', app.tenant.tenantId)
      .execute();
    expect(stored).toEqual([expect.objectContaining({ kind: 'drop', count: 0, expected: 100 })]);
    expect((await registry.getSingleMetric('cdp_volume_anomaly')!.get()).values).toEqual([
      {
        labels: {
          tenant_id: app.tenant.tenantId,
          source_id: app.source.sourceId,
          kind: 'drop',
          severity: 'critical',
        },
        value: 1,
      },
    ]);
    const scores = (await registry.getSingleMetric('cdp_source_match_quality')!.get()).values;
    expect(scores).toContainEqual({
      labels: { tenant_id: app.tenant.tenantId, source_id: app.source.sourceId },
      value: 3,
    });
  });
});
