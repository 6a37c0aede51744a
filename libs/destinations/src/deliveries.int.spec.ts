import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, DeliveryStatus } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { decodeDeliveryCursor, encodeDeliveryCursor } from './delivery-cursor';
import { DELIVERY_BATCH_SIZE, WEBHOOK_DELIVER_TASK, isQueueMissing } from './delivery-queue';
import { findDelivery, listDeliveries } from './delivery.repository';
import { createDestination } from './destination.repository';
import { enqueueDeliveries } from './enqueue-delivery';
import type { NewDelivery } from './enqueue-delivery';
import { replayDeadDeliveries, replayDelivery } from './replay-deliveries';
import { sendTestDelivery } from './test-delivery';
import { installJobQueue } from './testing';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await installJobQueue(database.url);
}, 60_000);
afterAll(() => database.destroy());

async function destination() {
  const tenantId = (await createTestTenant(db)).tenant.tenantId;
  const created = await createDestination(db, tenantId, { name: 'D', url: 'https://x.example/' });
  if (!created.ok) throw new Error(created.error);
  return created.value.destination;
}

function delivery(d: { tenantId: string; destinationId: string }, changeId: number, subject = 's') {
  return {
    tenantId: d.tenantId,
    destinationId: d.destinationId,
    changeId,
    subjectId: subject,
    profileId: null,
    type: 'event.received',
    body: `{"n":${changeId},"s":"${subject}","é":"\\u00e9"}`,
  } satisfies NewDelivery;
}

// The jobs naming any of the deliveries: by key (a later attempt) or in a batch's payload.
const naming = (deliveryIds: readonly string[]) => sql<boolean>`(j.key = ANY(${deliveryIds}::text[])
  OR json_typeof(j.payload) = 'array' AND EXISTS (
    SELECT 1 FROM json_array_elements(j.payload) e
    WHERE e->>'delivery_id' = ANY(${deliveryIds}::text[])))`;

// The queue's private tables: its public view leaves the payload out.
async function jobsOf(deliveryIds: readonly string[]) {
  const { rows } = await sql<{
    key: string | null;
    task: string;
    max_attempts: number;
    payload: unknown;
  }>`
    SELECT j.key, t.identifier AS task, j.max_attempts, j.payload
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE ${naming(deliveryIds)} ORDER BY j.key, j.id`.execute(db);
  return rows;
}

async function dropJobsOf(deliveryIds: readonly string[]) {
  await sql`DELETE FROM graphile_worker._private_jobs j WHERE ${naming(deliveryIds)}`.execute(db);
}

async function setStatus(ids: readonly string[], status: DeliveryStatus, attempts = 3) {
  await db
    .updateTable('cdp_deliveries')
    .set({ status, attempts })
    .where('delivery_id', 'in', ids)
    .execute();
}

describe('enqueueDeliveries', () => {
  it('stores each body as given and queues their first attempts in one single-attempt batch job', async () => {
    const d = await destination();
    const ids = await enqueueDeliveries(db, [delivery(d, 1), delivery(d, 1, 't')]);
    expect(ids).toHaveLength(2);
    const stored = await db
      .selectFrom('cdp_deliveries')
      .select(['body', 'status', 'attempts', 'next_attempt_at'])
      .where('delivery_id', 'in', ids)
      .orderBy('subject_id')
      .execute();
    expect(stored.map((r) => r.body)).toEqual([delivery(d, 1).body, delivery(d, 1, 't').body]);
    expect(stored.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    expect(stored.every((r) => r.next_attempt_at instanceof Date)).toBe(true);
    const jobs = await jobsOf(ids);
    expect(jobs).toEqual([
      {
        key: null,
        task: WEBHOOK_DELIVER_TASK,
        max_attempts: 1,
        payload: expect.arrayContaining(
          ids.map((id) => ({ tenant_id: d.tenantId, delivery_id: id })),
        ) as unknown,
      },
    ]);
    expect(jobs[0]!.payload).toHaveLength(2);
  });

  it('makes one batch job per destination and per DELIVERY_BATCH_SIZE deliveries', async () => {
    const d = await destination();
    const other = await destination();
    const many = Array.from({ length: DELIVERY_BATCH_SIZE + 1 }, (_, i) => delivery(d, 100 + i));
    const ids = await enqueueDeliveries(db, [...many, delivery(other, 1)]);
    expect(ids).toHaveLength(DELIVERY_BATCH_SIZE + 2);
    const sizes = (await jobsOf(ids))
      .map((j) => (j.payload as unknown[]).length)
      .sort((a, b) => a - b);
    expect(sizes).toEqual([1, 1, DELIVERY_BATCH_SIZE]);
  });

  it('skips a delivery already made for the same change, type and subject', async () => {
    const d = await destination();
    const [first] = await enqueueDeliveries(db, [delivery(d, 7)]);
    expect(await enqueueDeliveries(db, [delivery(d, 7), delivery(d, 8)])).toHaveLength(1);
    expect(await enqueueDeliveries(db, [])).toEqual([]);
    expect(await jobsOf([first!])).toHaveLength(1);
  });

  it('skips a delivery without a change already made for the same type and subject', async () => {
    const d = await destination();
    const alert = { ...delivery(d, 0, 'source/hour/drop'), changeId: null, type: 'source.anomaly' };
    const [first] = await enqueueDeliveries(db, [alert]);
    expect(first).toBeDefined();
    expect(await enqueueDeliveries(db, [alert])).toEqual([]);
    expect(
      await enqueueDeliveries(db, [{ ...alert, subjectId: 'source/hour/spike' }]),
    ).toHaveLength(1);
    expect(await jobsOf([first!])).toHaveLength(1);
  });

  it('queues every test send, and reports a missing job queue as such', async () => {
    const d = await destination();
    const a = await sendTestDelivery(db, d);
    const b = await sendTestDelivery(db, d);
    expect(a).toMatchObject({ type: 'destination.test', status: 'pending', attempts: 0 });
    expect(a.webhookId).toBe(`msg_${a.deliveryId.replace(/-/g, '')}`);
    expect(b.deliveryId).not.toBe(a.deliveryId);

    const bare = await createTestDatabase();
    try {
      const tenantId = (await createTestTenant(bare.db)).tenant.tenantId;
      const created = await createDestination(bare.db, tenantId, {
        name: 'D',
        url: 'https://x.example/',
      });
      if (!created.ok) throw new Error(created.error);
      const error = await sendTestDelivery(bare.db, created.value.destination).catch(
        (e: unknown) => e,
      );
      expect(isQueueMissing(error)).toBe(true);
      expect(isQueueMissing(new Error('other'))).toBe(false);
      expect(isQueueMissing(null)).toBe(false);
    } finally {
      await bare.destroy();
    }
  });
});

describe('listDeliveries', () => {
  it('pages newest first, filters by status, and shows one destination only', async () => {
    const d = await destination();
    const other = await destination();
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push(...(await enqueueDeliveries(db, [delivery(d, n)])));
    await enqueueDeliveries(db, [delivery(other, 1)]);
    await setStatus([ids[1]!], 'dead');

    const first = await listDeliveries(db, d.tenantId, d.destinationId, { limit: 2 });
    expect(first.deliveries.map((x) => x.deliveryId)).toEqual([ids[4], ids[3]]);
    const second = await listDeliveries(db, d.tenantId, d.destinationId, {
      limit: 2,
      after: decodeDeliveryCursor(first.nextCursor!),
    });
    expect(second.deliveries.map((x) => x.deliveryId)).toEqual([ids[2], ids[1]]);
    const last = await listDeliveries(db, d.tenantId, d.destinationId, {
      limit: 2,
      after: decodeDeliveryCursor(second.nextCursor!),
    });
    expect(last).toMatchObject({ deliveries: [{ deliveryId: ids[0] }], nextCursor: null });
    const dead = await listDeliveries(db, d.tenantId, d.destinationId, {
      limit: 10,
      status: 'dead',
    });
    expect(dead.deliveries.map((x) => x.deliveryId)).toEqual([ids[1]]);
    expect(await findDelivery(db, d.tenantId, other.destinationId, ids[0]!)).toBeUndefined();
  });

  it.each(['', 'not base64!', encodeDeliveryCursor('x'), Buffer.from('[1]').toString('base64url')])(
    'decodes no position from the cursor %p',
    (cursor) => {
      expect(decodeDeliveryCursor(cursor)).toBeUndefined();
    },
  );

  it('decodes no position from a cursor that is not JSON or has other members', () => {
    expect(decodeDeliveryCursor(Buffer.from('{').toString('base64url'))).toBeUndefined();
    const extra = Buffer.from(JSON.stringify({ d: randomUUID(), x: 1 })).toString('base64url');
    expect(decodeDeliveryCursor(extra)).toBeUndefined();
  });
});

describe('replay', () => {
  it('queues one delivery again with a fresh schedule, whatever its state', async () => {
    const d = await destination();
    const [id] = await enqueueDeliveries(db, [delivery(d, 1)]);
    await dropJobsOf([id!]);
    await db
      .updateTable('cdp_deliveries')
      .set({ status: 'delivered', attempts: 2, delivered_at: new Date() })
      .where('delivery_id', '=', id!)
      .execute();
    const replayed = await replayDelivery(db, d.tenantId, d.destinationId, id!);
    expect(replayed).toMatchObject({ status: 'pending', attempts: 0, deliveredAt: null });
    expect(await jobsOf([id!])).toHaveLength(1);
    expect(await replayDelivery(db, d.tenantId, randomUUID(), id!)).toBeUndefined();
  });

  it('queues every dead delivery of the destination, and only those', async () => {
    const d = await destination();
    const other = await destination();
    const ids = await enqueueDeliveries(db, [delivery(d, 1), delivery(d, 2), delivery(d, 3)]);
    const [theirs] = await enqueueDeliveries(db, [delivery(other, 1)]);
    await dropJobsOf([...ids, theirs!]);
    await setStatus([ids[0]!, ids[1]!, theirs!], 'dead');
    expect(await replayDeadDeliveries(db, d.tenantId, d.destinationId)).toBe(2);
    expect((await jobsOf(ids)).map((j) => j.key).sort()).toEqual([ids[0], ids[1]].sort());
    expect(await replayDeadDeliveries(db, d.tenantId, d.destinationId)).toBe(0);
    const theirsNow = await findDelivery(db, other.tenantId, other.destinationId, theirs!);
    expect(theirsNow?.status).toBe('dead');
  });
});
