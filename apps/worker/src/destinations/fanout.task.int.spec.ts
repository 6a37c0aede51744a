import { findChangeCursor } from '@stratum/changes';
import { createDestination } from '@stratum/destinations';
import type { DestinationInput } from '@stratum/destinations';
import { installJobQueue, startWebhookReceiver } from '@stratum/destinations/testing';
import type { ReceivedWebhook, WebhookReceiver } from '@stratum/destinations/testing';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { createSegment, deleteSegment } from '@stratum/segments';
import { ingestEvents, recordConsent } from '@stratum/segments/testing';
import { verifyWebhook } from '@stratum/webhooks';
import type { ReceivedHeaders } from '@stratum/webhooks';
import { SEGMENT_MEMBERSHIP_TASK, segmentMembershipTask } from '../segments/membership.task';
import { deliverDeps } from '../testing/delivery-world';
import { startTestRunner } from '../testing/queue-under-test';
import type { RunnerUnderTest } from '../testing/queue-under-test';
import {
  DESTINATIONS_FANOUT_TASK,
  destinationsFanoutTask,
  runDestinationsFanout,
} from './fanout.task';
import { WEBHOOK_DELIVER_TASK, webhookDeliverTask } from './webhook-deliver.task';

let database: TestDatabase;
let receiver: WebhookReceiver;
let runner: RunnerUnderTest;
const deps = () => deliverDeps(database.db);
let shared: ReturnType<typeof deps>;

beforeAll(async () => {
  database = await createTestDatabase();
  await installJobQueue(database.url);
  receiver = await startWebhookReceiver();
  shared = deps();
  const logger = createTestLogger('error').logger;
  runner = await startTestRunner(database.url, {
    taskList: {
      [SEGMENT_MEMBERSHIP_TASK]: segmentMembershipTask({
        db: database.db,
        logger,
        batchSize: 100,
        idleMs: 50,
      }),
      [DESTINATIONS_FANOUT_TASK]: destinationsFanoutTask({
        db: database.db,
        logger,
        metrics: shared.metrics,
        batchSize: 100,
        idleMs: 50,
      }),
      [WEBHOOK_DELIVER_TASK]: webhookDeliverTask(shared),
    },
  });
}, 60_000);
afterAll(async () => {
  await runner.close();
  await receiver.close();
  await database.destroy();
});

const AT = new Date('2026-11-20T10:00:00Z');
const email = (value: string) => [{ type: 'email' as const, value }];

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const at = (path: string) => () =>
  receiver.received
    .filter((r) => r.path === path)
    .map((r) => ({
      request: r,
      payload: JSON.parse(r.body) as { type: string; data: Record<string, unknown> },
    }));

describe('destinations-fanout, end to end', () => {
  it('sends events, segment entries and exits and profile updates to the destinations that want them', async () => {
    const tenantId = (await createTestTenant(database.db)).tenant.tenantId;
    const buyers = await createSegment(database.db, tenantId, {
      name: 'Buyers',
      definition: { event: 'Order Completed' },
    });
    if (!buyers.ok) throw new Error(buyers.error);
    const segmentId = buyers.value.segmentId;
    const secrets = new Map<string, string>();
    const destination = async (path: string, input: Omit<DestinationInput, 'url' | 'name'>) => {
      const created = await createDestination(database.db, tenantId, {
        name: path,
        url: `${receiver.url}${path}`,
        ...input,
      });
      if (!created.ok) throw new Error(created.error);
      secrets.set(path, created.value.secret);
    };
    await destination('/orders', { events: { names: ['Order Completed'] } });
    await destination('/segment', { segmentIds: [segmentId] });
    await destination('/profiles', { profileUpdates: true });
    await destination('/consented', { events: {}, consentPurpose: 'marketing' });

    // Both chains running, their cursors placed, before anything happens.
    await runner.queue.runner.addJob(
      SEGMENT_MEMBERSHIP_TASK,
      {},
      { jobKey: SEGMENT_MEMBERSHIP_TASK },
    );
    await runner.queue.runner.addJob(
      DESTINATIONS_FANOUT_TASK,
      {},
      { jobKey: DESTINATIONS_FANOUT_TASK },
    );
    await until(
      () => findChangeCursor(database.db, DESTINATIONS_FANOUT_TASK),
      (c) => c !== undefined,
    );
    await until(
      () => findChangeCursor(database.db, SEGMENT_MEMBERSHIP_TASK),
      (c) => c !== undefined,
    );

    const [ann] = await ingestEvents(database.db, tenantId, [
      { identifiers: email('ann@x.test'), occurredAt: AT, name: 'Signed Up' },
    ]);
    await recordConsent(database.db, tenantId, ann!, {
      purpose: 'marketing',
      status: 'granted',
      occurredAt: AT,
    });
    const [, ben] = await ingestEvents(database.db, tenantId, [
      {
        identifiers: email('ann@x.test'),
        occurredAt: AT,
        name: 'Order Completed',
        traits: { plan: 'pro' },
      },
      { identifiers: email('ben@x.test'), occurredAt: AT, name: 'Order Completed' },
      { identifiers: email('ben@x.test'), occurredAt: AT, name: 'Page Viewed' },
    ]);

    const orders = await until(at('/orders'), (r) => r.length === 2);
    expect(
      orders.map((o) => [o.payload.type, o.payload.data.name, o.payload.data.profile_id]).sort(),
    ).toEqual(
      [
        ['event.received', 'Order Completed', ann],
        ['event.received', 'Order Completed', ben],
      ].sort(),
    );
    const entered = await until(at('/segment'), (r) => r.length === 2);
    expect(
      entered
        .map((e) => [e.payload.type, e.payload.data.profile_id, e.payload.data.segment_id])
        .sort(),
    ).toEqual(
      [
        ['segment.entered', ann, segmentId],
        ['segment.entered', ben, segmentId],
      ].sort(),
    );
    const profiles = await until(at('/profiles'), (r) => r.length === 1);
    expect(profiles[0]!.payload).toMatchObject({
      type: 'profile.updated',
      data: { profile_id: ann, changed_traits: ['plan'], traits: { plan: 'pro' } },
    });
    const consented = await until(at('/consented'), (r) =>
      r.some((c) => c.payload.data.name === 'Order Completed'),
    );
    // Only Ann granted marketing: nothing of Ben's, and that was counted.
    expect(consented.every((c) => c.payload.data.profile_id === ann)).toBe(true);
    expect((await shared.metrics.consentSkipped.get()).values[0]!.value).toBeGreaterThanOrEqual(2);

    await deleteSegment(database.db, tenantId, segmentId);
    const exits = await until(at('/segment'), (r) => r.length === 4);
    expect(exits.slice(2).map((e) => e.payload.type)).toEqual(['segment.exited', 'segment.exited']);

    const all: ReceivedWebhook[] = receiver.received;
    for (const request of all) {
      const secret = secrets.get(request.path)!;
      expect(verifyWebhook(secret, request.headers as ReceivedHeaders, request.body)).toEqual({
        ok: true,
      });
      expect(request.body).not.toMatch(/@x\.test/);
    }
    // Nothing else arrived anywhere: /orders never got Page Viewed, /profiles no event.
    expect(new Set(all.map((r) => r.path))).toEqual(
      new Set(['/orders', '/segment', '/profiles', '/consented']),
    );
    expect(at('/orders')()).toHaveLength(2);
    expect(at('/profiles')()).toHaveLength(1);
  }, 60_000);

  it('starts at the feed’s head: a new consumer never sends history', async () => {
    await database.db
      .deleteFrom('cdp_change_cursors')
      .where('consumer', '=', DESTINATIONS_FANOUT_TASK)
      .execute();
    const run = await runDestinationsFanout({
      db: database.db,
      logger: createTestLogger('error').logger,
      metrics: deps().metrics,
      batchSize: 10,
    });
    expect(run).toMatchObject({ started: true, queued: 0, backlog: true });
  });
});
