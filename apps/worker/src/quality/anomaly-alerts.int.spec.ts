import { sql } from 'kysely';
import type { Db, NewSourceHourRow, SeededTenant } from '@stratum/db';
import { upsertSourceHours } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createDestination } from '@stratum/destinations';
import type { DestinationInput } from '@stratum/destinations';
import { installJobQueue, startWebhookReceiver } from '@stratum/destinations/testing';
import type { WebhookReceiver } from '@stratum/destinations/testing';
import { createTestLogger } from '@stratum/http/testing';
import { WebhookPayloadSchema } from '@stratum/schemas';
import { verifyWebhook } from '@stratum/webhooks';
import type { ReceivedHeaders } from '@stratum/webhooks';
import { Registry } from 'prom-client';
import { deliverBatch } from '../destinations/webhook-deliver.task';
import { deliverDeps } from '../testing/delivery-world';
import { createQualityMetrics } from './quality-metrics';
import { runSourceHours } from './source-hours.task';

let database: TestDatabase;
let db: Db;
let shop: SeededTenant;
let receiver: WebhookReceiver;
const { logger } = createTestLogger('error');
const deps = () => ({ db, logger, metrics: createQualityMetrics(new Registry()) });

const HOUR = 3_600_000;
const T = new Date('2026-11-20T10:00:00Z');
const at = (hours: number, minutes = 0) => new Date(T.getTime() + hours * HOUR + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await installJobQueue(database.url);
  shop = await createTestTenant(db);
  receiver = await startWebhookReceiver();
}, 60_000);
afterAll(async () => {
  await receiver.close();
  await database.destroy();
});

async function destination(
  input: Omit<DestinationInput, 'url'>,
): Promise<{ id: string; secret: string }> {
  const created = await createDestination(db, shop.tenant.tenantId, {
    url: `${receiver.url}/${input.name}`,
    ...input,
  });
  if (!created.ok) throw new Error(created.error);
  return { id: created.value.destination.destinationId, secret: created.value.secret };
}

const deliveries = () =>
  db
    .selectFrom('cdp_deliveries')
    .select(['delivery_id', 'destination_id', 'type', 'change_id', 'subject_id', 'profile_id'])
    .select('body')
    .where('tenant_id', '=', shop.tenant.tenantId)
    .execute();

describe('volume anomalies sent to destinations', () => {
  it('queues one source.anomaly delivery per new flag, to destinations that ask for alerts', async () => {
    const alerted = await destination({ name: 'oncall', alerts: true });
    await destination({ name: 'crm', events: {}, profileUpdates: true });
    const off = await destination({ name: 'paused', alerts: true });
    await db
      .updateTable('cdp_destinations')
      .set({ enabled: false })
      .where('destination_id', '=', off.id)
      .execute();
    // Five weeks of a steady 100 events an hour, then nothing in hour 4.
    const history: NewSourceHourRow[] = [];
    for (let hour = 4 - 5 * 168; hour < 4; hour += 1) {
      history.push({
        tenant_id: shop.tenant.tenantId,
        source_id: shop.source.sourceId,
        hour: at(hour),
        accepted: 100,
      });
    }
    await upsertSourceHours(db, history);

    const result = await runSourceHours(deps(), at(5, 5));
    expect(result.anomalies).toEqual([expect.objectContaining({ hour: at(4), kind: 'drop' })]);

    const queued = await deliveries();
    expect(queued).toEqual([
      {
        delivery_id: expect.any(String),
        destination_id: alerted.id,
        type: 'source.anomaly',
        change_id: null,
        subject_id: `${shop.source.sourceId}/${at(4).toISOString()}/drop`,
        profile_id: null,
        body: expect.any(String),
      },
    ]);
    const payload = WebhookPayloadSchema.parse(JSON.parse(queued[0]!.body));
    expect(payload).toEqual({
      type: 'source.anomaly',
      timestamp: expect.any(String),
      data: {
        source_id: shop.source.sourceId,
        hour: at(4).toISOString(),
        kind: 'drop',
        severity: 'critical',
        count: 0,
        expected: 100,
        score: expect.any(Number),
      },
    });
    const { rows: jobs } = await sql<{ payload: unknown }>`
      SELECT j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'webhook-deliver'`.execute(db);
    const job = { tenant_id: shop.tenant.tenantId, delivery_id: queued[0]!.delivery_id };
    expect(jobs).toEqual([{ payload: [job] }]);

    // The worker's next job sends it, signed with the destination's secret.
    expect(await deliverBatch(deliverDeps(db), [job])).toEqual(
      new Map([[job.delivery_id, 'delivered']]),
    );
    const [received] = await receiver.waitFor(1);
    expect(received).toMatchObject({ path: '/oncall', body: queued[0]!.body });
    const headers = received!.headers as ReceivedHeaders;
    expect(verifyWebhook(alerted.secret, headers, received!.body)).toEqual({ ok: true });

    // The same hour judged again (a later run within the hour, then a catch-up) is no news.
    await runSourceHours(deps(), at(5, 40));
    await db.deleteFrom('cdp_source_hours').where('hour', '>=', at(4)).execute();
    const again = await runSourceHours(deps(), at(5, 50));
    expect(again.anomalies).toEqual([expect.objectContaining({ hour: at(4), kind: 'drop' })]);
    expect(await deliveries()).toHaveLength(1);
  });
});
