import { sql } from 'kysely';
import { installJobQueue } from '@stratum/destinations/testing';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
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
import { webhookRequeueTask } from './webhook-requeue.task';

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

const REFUSED =
  'not sent: the host resolves to a private, loopback or link-local address (DESTINATIONS_ALLOW_PRIVATE is off)';

describe('private targets at delivery time (no SSRF)', () => {
  it.each([
    ['a name that resolves to a loopback address', 'localhost'],
    ['a literal loopback address', '127.0.0.1'],
  ])(
    'refuses %s: nothing is sent, the attempt is recorded as failed',
    async (_label, host) => {
      runner = await startDeliverRunner(
        database,
        deliverDeps(database.db, { allowPrivate: false, schedule: [60] }),
      );
      const port = new URL(receiver.url).port;
      // Stored while private targets were allowed, or re-pointed in DNS since: checked again.
      const { destination } = await receiverDestination(
        database.db,
        receiver,
        `http://${host}:${port}/hooks`,
      );
      const ids = await queueDeliveries(database.db, destination, 1);
      const [failed] = await settled(database.db, destination, ids, ['failed']);
      expect(failed).toMatchObject({ attempts: 1, lastStatus: null, lastError: REFUSED });
      expect(receiver.received).toEqual([]);
    },
    30_000,
  );
});

describe('a worker stopped during an attempt', () => {
  it('loses nothing: the attempt is cut, retried by the next worker, under the same webhook-id', async () => {
    let release!: () => void;
    const held = new Promise<{ status: number }>(
      (resolve) => (release = () => resolve({ status: 200 })),
    );
    receiver.answer = (_request, index) => (index === 0 ? { hold: held } : { status: 200 });
    const deps = deliverDeps(database.db, { schedule: [0.1, 0.1, 0.1] });
    runner = await startDeliverRunner(database, deps);
    const { destination } = await receiverDestination(database.db, receiver);
    const ids = await queueDeliveries(database.db, destination, 3);
    await receiver.waitFor(3);

    // The receiver holds the first request; the worker stops (its running job is aborted).
    const stopping = runner;
    runner = undefined;
    await stopping.close();
    release();
    const afterStop = await database.db
      .selectFrom('cdp_deliveries')
      .select(['status', 'last_error'])
      .where('delivery_id', 'in', ids)
      .execute();
    expect(afterStop.filter((d) => d.status !== 'delivered')).toEqual([
      { status: 'failed', last_error: 'interrupted: the worker stopped during the attempt' },
    ]);

    runner = await startDeliverRunner(database, deps);
    const done = await settled(database.db, destination, ids, ['delivered']);
    const byId = new Map<string, number>();
    for (const r of receiver.received) {
      const id = r.headers['webhook-id'] as string;
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    // Every delivery arrived; the only duplicate is the cut one, under its own webhook-id.
    expect([...byId.keys()].sort()).toEqual(done.map((d) => d.webhookId).sort());
    expect([...byId.values()].sort()).toEqual([1, 1, 2]);
  }, 40_000);

  it('queues again a delivery whose job a killed worker left locked', async () => {
    const { destination } = await receiverDestination(database.db, receiver);
    const [id] = await queueDeliveries(database.db, destination, 1);
    // As a worker killed mid-attempt leaves it: its batch job locked, its one attempt spent.
    const locked = await sql`UPDATE graphile_worker._private_jobs
      SET locked_at = now() - interval '10 minutes', locked_by = 'killed', attempts = 1
      WHERE key IS NULL
        AND payload::jsonb @> jsonb_build_array(jsonb_build_object('delivery_id', ${id!}::text))`.execute(
      database.db,
    );
    expect(Number(locked.numAffectedRows)).toBe(1);
    await database.db
      .updateTable('cdp_deliveries')
      .set({ next_attempt_at: sql<Date>`now() - interval '10 minutes'` })
      .where('delivery_id', '=', id!)
      .execute();
    runner = await startDeliverRunner(database, deliverDeps(database.db));

    const requeue = webhookRequeueTask({
      db: database.db,
      logger: createTestLogger('error').logger,
      timeoutMs: 15_000,
      batchSends: 50,
    });
    await requeue({}, {} as never);
    const [delivered] = await settled(database.db, destination, [id!], ['delivered']);
    expect(delivered).toMatchObject({ attempts: 1, lastStatus: 204 });
    expect(receiver.received).toHaveLength(1);
    // The dead batch job is gone and the new job completed: nothing spent stays.
    const jobsLeft = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n
          FROM graphile_worker._private_jobs
          WHERE key = ${id!} OR payload::jsonb @> jsonb_build_array(
            jsonb_build_object('delivery_id', ${id!}::text))`.execute(database.db)
      ).rows[0]!.n;
    const deadline = Date.now() + 10_000;
    while ((await jobsLeft()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await jobsLeft()).toBe(0);
    await requeue({}, {} as never);
    expect(receiver.received).toHaveLength(1);
  }, 30_000);
});
