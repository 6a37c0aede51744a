import { Webhook } from 'standardwebhooks';
import { findDestination, replayDeadDeliveries } from '@stratum/destinations';
import { installJobQueue } from '@stratum/destinations/testing';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { verifyWebhook } from '@stratum/webhooks';
import type { ReceivedHeaders } from '@stratum/webhooks';
import {
  deliverDeps,
  queueDeliveries,
  receiverDestination,
  settled,
  startDeliverRunner,
  startWebhookReceiver,
} from '../testing/delivery-world';
import type { WebhookReceiver } from '../testing/delivery-world';
import type { RunnerUnderTest } from '../testing/queue-under-test';
import { deliverBatch } from './webhook-deliver.task';

let database: TestDatabase;
let receiver: WebhookReceiver;
let runner: RunnerUnderTest | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  await installJobQueue(database.url);
}, 60_000);
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await runner?.close();
  runner = undefined;
  await receiver.close();
});
afterAll(() => database.destroy());

const counter = (deps: ReturnType<typeof deliverDeps>, outcome: string) =>
  deps.metrics.deliveries
    .get()
    .then((m) => m.values.find((v) => v.labels.outcome === outcome)?.value);

describe('webhook-deliver', () => {
  it('POSTs each delivery signed: it verifies with ours and the reference library', async () => {
    const deps = deliverDeps(database.db);
    runner = await startDeliverRunner(database, deps);
    const { destination, secret } = await receiverDestination(database.db, receiver);
    const ids = await queueDeliveries(database.db, destination, 3);
    const received = await receiver.waitFor(3);
    const done = await settled(database.db, destination, ids, ['delivered']);

    for (const request of received) {
      expect(request).toMatchObject({ method: 'POST', path: '/hooks' });
      expect(request.headers['content-type']).toBe('application/json');
      expect(verifyWebhook(secret, request.headers as ReceivedHeaders, request.body)).toEqual({
        ok: true,
      });
      const reference = new Webhook(secret).verify(request.body, {
        'webhook-id': request.headers['webhook-id'] as string,
        'webhook-timestamp': request.headers['webhook-timestamp'] as string,
        'webhook-signature': request.headers['webhook-signature'] as string,
      });
      expect(reference).toEqual(JSON.parse(request.body));
    }
    const byId = new Map(received.map((r) => [r.headers['webhook-id'], JSON.parse(r.body)]));
    expect([...byId.keys()].sort()).toEqual(done.map((d) => d.webhookId).sort());
    expect(done.map((d) => [d.attempts, d.lastStatus, d.lastError])).toEqual([
      [1, 204, null],
      [1, 204, null],
      [1, 204, null],
    ]);
    expect(done.every((d) => d.latencyMs !== null && d.deliveredAt !== null)).toBe(true);
    expect(await counter(deps, 'delivered')).toBe(3);
    expect(
      (await deps.metrics.attemptDuration.get()).values.find((v) => v.labels.le === '+Inf')?.value,
    ).toBe(3);
  }, 30_000);

  it('retries a receiver that answers 500 until it recovers: everything arrives, ids unchanged', async () => {
    let failing = true;
    receiver.answer = () => ({ status: failing ? 500 : 200 });
    const deps = deliverDeps(database.db, { schedule: [0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.5, 1] });
    runner = await startDeliverRunner(database, deps);
    const { destination } = await receiverDestination(database.db, receiver);
    const ids = await queueDeliveries(database.db, destination, 4);
    // Every delivery is refused at least twice before the receiver recovers.
    await receiver.waitFor(8);
    failing = false;
    const done = await settled(database.db, destination, ids, ['delivered']);

    expect(done.every((d) => d.attempts >= 2 && d.lastStatus === 200 && d.lastError === null)).toBe(
      true,
    );
    const answered = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const id = r.headers['webhook-id'] as string;
      answered.set(id, (answered.get(id) ?? new Set()).add(r.body));
    }
    // One body per webhook-id, whatever the number of attempts: the same bytes every time.
    expect([...answered.keys()].sort()).toEqual(done.map((d) => d.webhookId).sort());
    expect([...answered.values()].every((bodies) => bodies.size === 1)).toBe(true);
    expect(await counter(deps, 'retry')).toBeGreaterThanOrEqual(8);
  }, 30_000);

  it('honours Retry-After: the next attempt is not made before it', async () => {
    const arrivals: number[] = [];
    receiver.answer = (_r, index) => {
      arrivals.push(Date.now());
      return index === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 };
    };
    runner = await startDeliverRunner(database, deliverDeps(database.db, { schedule: [0] }));
    const { destination } = await receiverDestination(database.db, receiver);
    const ids = await queueDeliveries(database.db, destination, 1);
    const firstAttempt = await settled(database.db, destination, ids, ['failed', 'delivered']);
    const [delivered] = await settled(database.db, destination, ids, ['delivered']);

    if (firstAttempt[0]!.status === 'failed') {
      expect(firstAttempt[0]!.lastError).toBe('HTTP 429, Retry-After 1 s');
      const wait =
        firstAttempt[0]!.nextAttemptAt!.getTime() - firstAttempt[0]!.lastAttemptAt!.getTime();
      expect(wait).toBeGreaterThanOrEqual(1000);
    }
    expect(delivered).toMatchObject({ attempts: 2, lastStatus: 200 });
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000);
  }, 30_000);

  it('disables the destination on 410 and drops what was still queued for it', async () => {
    receiver.answer = () => ({ status: 410 });
    const deps = deliverDeps(database.db);
    runner = await startDeliverRunner(database, deps);
    const { destination } = await receiverDestination(database.db, receiver);
    const [gone] = await queueDeliveries(database.db, destination, 1);
    const [gone410] = await settled(database.db, destination, [gone!], ['dead']);
    expect(gone410).toMatchObject({
      attempts: 1,
      lastStatus: 410,
      lastError: 'HTTP 410: the receiver is gone; the destination is disabled',
    });
    const now = await findDestination(database.db, destination.tenantId, destination.destinationId);
    expect(now).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^The receiver answered 410 Gone on /),
    });

    const [later] = await queueDeliveries(database.db, destination, 1, 10);
    const [dropped] = await settled(database.db, destination, [later!], ['dead']);
    expect(dropped).toMatchObject({
      attempts: 0,
      lastError: 'not sent: the destination is disabled',
    });
    expect(receiver.received).toHaveLength(1);
    expect(await counter(deps, 'gone')).toBe(1);
    expect(await counter(deps, 'dropped')).toBe(1);
  }, 30_000);

  it('makes a delivery dead after its last attempt; replay-dead then delivers it', async () => {
    let failing = true;
    receiver.answer = () => ({ status: failing ? 503 : 200 });
    const deps = deliverDeps(database.db, { schedule: [0.1, 0.1] });
    runner = await startDeliverRunner(database, deps);
    const { destination } = await receiverDestination(database.db, receiver);
    const ids = await queueDeliveries(database.db, destination, 2);
    const dead = await settled(database.db, destination, ids, ['dead']);
    expect(dead.map((d) => [d.attempts, d.lastStatus, d.lastError, d.nextAttemptAt])).toEqual([
      [3, 503, 'HTTP 503', null],
      [3, 503, 'HTTP 503', null],
    ]);
    expect(receiver.received).toHaveLength(6);
    expect(await counter(deps, 'dead')).toBe(2);

    failing = false;
    expect(
      await replayDeadDeliveries(database.db, destination.tenantId, destination.destinationId),
    ).toBe(2);
    const delivered = await settled(database.db, destination, ids, ['delivered']);
    expect(delivered.map((d) => d.attempts)).toEqual([1, 1]);
    const ids8 = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect([...ids8].sort()).toEqual(delivered.map((d) => d.webhookId).sort());
  }, 30_000);

  it('drops the deliveries of a deleted destination without sending them', async () => {
    runner = await startDeliverRunner(database, deliverDeps(database.db));
    const { destination } = await receiverDestination(database.db, receiver);
    await database.db
      .updateTable('cdp_destinations')
      .set({ deleted_at: new Date() })
      .where('destination_id', '=', destination.destinationId)
      .execute();
    const ids = await queueDeliveries(database.db, destination, 1);
    const [dropped] = await settled(database.db, destination, ids, ['dead']);
    expect(dropped!.lastError).toBe('not sent: the destination was deleted');
    expect(receiver.received).toEqual([]);
  }, 30_000);

  it('makes a batch of first attempts: one write for the delivered, the others recorded one by one', async () => {
    const deps = deliverDeps(database.db);
    const { destination } = await receiverDestination(database.db, receiver);
    const ids = await queueDeliveries(database.db, destination, 4);
    // The third request is refused; the fourth delivery was delivered meanwhile (a replay).
    receiver.answer = (_request, index) => (index === 2 ? { status: 500 } : { status: 200 });
    await database.db
      .updateTable('cdp_deliveries')
      .set({ status: 'delivered', attempts: 1, delivered_at: new Date() })
      .where('delivery_id', '=', ids[3]!)
      .execute();

    const outcomes = await deliverBatch(
      deps,
      ids.map((id) => ({ tenant_id: destination.tenantId, delivery_id: id })),
    );

    expect(receiver.received).toHaveLength(3);
    expect([...outcomes.values()].sort()).toEqual(['delivered', 'delivered', 'nothing', 'retry']);
    expect(outcomes.get(ids[3]!)).toBe('nothing');
    expect(await counter(deps, 'delivered')).toBe(2);
    expect(await counter(deps, 'retry')).toBe(1);
    const rows = await database.db
      .selectFrom('cdp_deliveries')
      .select(['delivery_id', 'status', 'attempts', 'next_attempt_at'])
      .where('delivery_id', 'in', ids.slice(0, 3))
      .execute();
    expect(rows.map((r) => [r.status, r.attempts]).sort()).toEqual([
      ['delivered', 1],
      ['delivered', 1],
      ['failed', 1],
    ]);
    expect(rows.find((r) => r.status === 'failed')!.next_attempt_at).toBeInstanceOf(Date);
  }, 30_000);
});
