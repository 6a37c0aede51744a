import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { findDelivery } from './delivery.repository';
import { loadDeliveryTarget, loadDeliveryTargets } from './delivery-target';
import { createDestination, findDestination } from './destination.repository';
import { enqueueDeliveries } from './enqueue-delivery';
import { dropDelivery, recordAttempt, recordDelivered } from './record-attempt';
import type { AttemptResult } from './record-attempt';
import { requeueLostDeliveries } from './requeue-lost';
import { installJobQueue } from './testing';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await installJobQueue(database.url);
}, 60_000);
afterAll(() => database.destroy());

const NOW = new Date('2026-11-24T10:00:00.000Z');
const SCHEDULE = [10, 60];
const ok: AttemptResult = { kind: 'answered', status: 204, latencyMs: 12.4 };
const error500: AttemptResult = { kind: 'answered', status: 500, latencyMs: 3 };

async function queued() {
  const tenantId = (await createTestTenant(db)).tenant.tenantId;
  const created = await createDestination(db, tenantId, { name: 'D', url: 'https://x.example/' });
  if (!created.ok) throw new Error(created.error);
  const destination = created.value.destination;
  const [deliveryId] = await enqueueDeliveries(db, [
    {
      tenantId,
      destinationId: destination.destinationId,
      changeId: 1,
      subjectId: 's',
      profileId: null,
      type: 'event.received',
      body: '{"n":1}',
    },
  ]);
  const target = { tenantId, deliveryId: deliveryId!, destinationId: destination.destinationId };
  const read = () => findDelivery(db, tenantId, destination.destinationId, deliveryId!);
  return { target, destination, read };
}

async function jobRunAt(deliveryId: string): Promise<Date | undefined> {
  const { rows } = await sql<{ run_at: Date }>`
    SELECT run_at FROM graphile_worker.jobs WHERE key = ${deliveryId}`.execute(db);
  return rows[0]?.run_at;
}

const record = (target: Parameters<typeof recordAttempt>[1], result: AttemptResult) =>
  recordAttempt(db, target, result, { schedule: SCHEDULE, now: NOW, random: () => 0.5 });

describe('recordAttempt', () => {
  it('records a 2xx as delivered', async () => {
    const { target, read } = await queued();
    expect(await record(target, ok)).toBe('delivered');
    expect(await read()).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatus: 204,
      lastError: null,
      latencyMs: 12,
      deliveredAt: NOW,
      lastAttemptAt: NOW,
      nextAttemptAt: null,
    });
    // A later attempt (a replay racing this one) changes nothing.
    expect(await record(target, error500)).toBe('superseded');
    expect((await read())?.attempts).toBe(1);
  });

  it('schedules the next attempt on the schedule, its job queued with it, then goes dead', async () => {
    const { target, read } = await queued();
    expect(await record(target, error500)).toBe('retry');
    const next = new Date(NOW.getTime() + 10_000);
    expect(await read()).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'HTTP 500',
      nextAttemptAt: next,
    });
    expect(await jobRunAt(target.deliveryId)).toEqual(next);

    const noAnswer: AttemptResult = { kind: 'failed', error: 'connection refused', latencyMs: 1 };
    expect(await record(target, noAnswer)).toBe('retry');
    expect(await read()).toMatchObject({
      attempts: 2,
      lastStatus: null,
      lastError: 'connection refused',
    });
    expect(await record(target, error500)).toBe('dead');
    expect(await read()).toMatchObject({ status: 'dead', attempts: 3, nextAttemptAt: null });
  });

  it('waits as long as Retry-After asks when that is longer than the schedule', async () => {
    const { target, read } = await queued();
    const limited: AttemptResult = {
      kind: 'answered',
      status: 429,
      retryAfterSeconds: 120,
      latencyMs: 1,
    };
    expect(await record(target, limited)).toBe('retry');
    expect(await read()).toMatchObject({
      lastError: 'HTTP 429, Retry-After 120 s',
      nextAttemptAt: new Date(NOW.getTime() + 120_000),
    });
  });

  it('takes a 410 as the end: the delivery dead, the destination disabled', async () => {
    const { target, destination, read } = await queued();
    expect(await record(target, { kind: 'answered', status: 410, latencyMs: 1 })).toBe('gone');
    expect(await read()).toMatchObject({ status: 'dead', lastStatus: 410 });
    expect(
      await findDestination(db, destination.tenantId, destination.destinationId),
    ).toMatchObject({
      enabled: false,
      disabledReason: `The receiver answered 410 Gone on ${NOW.toISOString()}`,
    });
    const stopped = await loadDeliveryTarget(db, target.tenantId, target.deliveryId);
    expect(stopped).toMatchObject({ stopped: 'destination_disabled', body: '{"n":1}' });
  });
});

describe('dropDelivery and loadDeliveryTarget', () => {
  it('ends a waiting delivery as dead without counting an attempt', async () => {
    const { target, read } = await queued();
    expect(await loadDeliveryTarget(db, target.tenantId, target.deliveryId)).toMatchObject({
      stopped: undefined,
      url: 'https://x.example/',
      secret: expect.stringMatching(/^whsec_/),
    });
    await db
      .updateTable('cdp_destinations')
      .set({ deleted_at: NOW })
      .where('destination_id', '=', target.destinationId)
      .execute();
    const target2 = await loadDeliveryTarget(db, target.tenantId, target.deliveryId);
    expect(target2?.stopped).toBe('destination_deleted');
    await dropDelivery(db, target, 'destination_deleted');
    expect(await read()).toMatchObject({
      status: 'dead',
      attempts: 0,
      lastError: 'not sent: the destination was deleted',
    });
    expect(
      await loadDeliveryTarget(db, target.tenantId, '00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();
  });
});

describe('recordDelivered and loadDeliveryTargets', () => {
  it('loads a batch in one read and records its delivered attempts in one write', async () => {
    const a = await queued();
    const b = await queued();
    const loaded = await loadDeliveryTargets(db, a.target.tenantId, [
      a.target.deliveryId,
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(loaded.map((t) => [t.deliveryId, t.status, t.stopped])).toEqual([
      [a.target.deliveryId, 'pending', undefined],
    ]);
    // Another tenant's delivery is not read under this tenant.
    expect(await loadDeliveryTargets(db, a.target.tenantId, [b.target.deliveryId])).toEqual([]);
    expect(await loadDeliveryTargets(db, a.target.tenantId, [])).toEqual([]);

    const attempt = (target: typeof a.target) => ({ ...target, status: 204, latencyMs: 7.6 });
    const recorded = await recordDelivered(db, [attempt(a.target), attempt(b.target)], NOW);
    expect([...recorded].sort()).toEqual([a.target.deliveryId, b.target.deliveryId].sort());
    expect(await a.read()).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatus: 204,
      lastError: null,
      latencyMs: 8,
      deliveredAt: NOW,
      nextAttemptAt: null,
    });
    // Already delivered (a replay raced it): left as it is, reported superseded.
    expect(await recordDelivered(db, [attempt(a.target)], NOW)).toEqual(new Set());
    expect(await a.read()).toMatchObject({ attempts: 1 });
    expect(await recordDelivered(db, [])).toEqual(new Set());
  });
});

describe('requeueLostDeliveries', () => {
  it('queues again a due delivery with no live job, and leaves the others', async () => {
    const lost = await queued();
    const waiting = await queued();
    // Its first attempt's batch job is gone; the other's still waits.
    await sql`DELETE FROM graphile_worker._private_jobs
      WHERE payload::jsonb @> jsonb_build_array(
        jsonb_build_object('delivery_id', ${lost.target.deliveryId}::text))`.execute(db);
    await db
      .updateTable('cdp_deliveries')
      .set({ next_attempt_at: sql<Date>`now() - interval '1 hour'` })
      .where('delivery_id', 'in', [lost.target.deliveryId, waiting.target.deliveryId])
      .execute();
    expect(await requeueLostDeliveries(db, { graceSeconds: 60, limit: 10 })).toBe(1);
    expect(await jobRunAt(lost.target.deliveryId)).toBeInstanceOf(Date);
    expect(await requeueLostDeliveries(db, { graceSeconds: 60, limit: 10 })).toBe(0);
  });

  it('counts a batch job dead past the grace: its deliveries are queued again, the job goes', async () => {
    const stuck = await queued();
    const batchJob = sql`payload::jsonb @> jsonb_build_array(
      jsonb_build_object('delivery_id', ${stuck.target.deliveryId}::text))`;
    // As a worker killed mid-batch leaves it: locked long ago, its one attempt spent.
    await sql`UPDATE graphile_worker._private_jobs
      SET locked_at = now() - interval '1 hour', locked_by = 'killed', attempts = 1
      WHERE ${batchJob}`.execute(db);
    await db
      .updateTable('cdp_deliveries')
      .set({ next_attempt_at: sql<Date>`now() - interval '1 hour'` })
      .where('delivery_id', '=', stuck.target.deliveryId)
      .execute();
    expect(await requeueLostDeliveries(db, { graceSeconds: 60, limit: 10 })).toBe(1);
    expect(await jobRunAt(stuck.target.deliveryId)).toBeInstanceOf(Date);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n
      FROM graphile_worker._private_jobs WHERE ${batchJob}`.execute(db);
    expect(rows[0]!.n).toBe(0);
  });

  it('leaves a delivery whose batch job is running within the grace', async () => {
    const running = await queued();
    await sql`UPDATE graphile_worker._private_jobs
      SET locked_at = now(), locked_by = 'alive', attempts = 1
      WHERE payload::jsonb @> jsonb_build_array(
        jsonb_build_object('delivery_id', ${running.target.deliveryId}::text))`.execute(db);
    await db
      .updateTable('cdp_deliveries')
      .set({ next_attempt_at: sql<Date>`now() - interval '1 hour'` })
      .where('delivery_id', '=', running.target.deliveryId)
      .execute();
    expect(await requeueLostDeliveries(db, { graceSeconds: 60, limit: 10 })).toBe(0);
  });
});
