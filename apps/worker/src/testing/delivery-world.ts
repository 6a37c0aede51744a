// A destination, its deliveries and the webhook-deliver task on a runner, over a test
// database and a real receiver on 127.0.0.1.
import { createDestination, enqueueDeliveries, findDelivery } from '@stratum/destinations';
import type { DeliveryRecord, DestinationRecord } from '@stratum/destinations';
import { startWebhookReceiver } from '@stratum/destinations/testing';
import type { WebhookReceiver } from '@stratum/destinations/testing';
import type { Db } from '@stratum/db';
import { createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { startTestRunner } from './queue-under-test';
import type { RunnerUnderTest } from './queue-under-test';
import { createDestinationMetrics } from '../destinations/destination-metrics';
import type { DestinationMetrics } from '../destinations/destination-metrics';
import { createWebhookAgents } from '../destinations/send-webhook';
import { WEBHOOK_DELIVER_TASK, webhookDeliverTask } from '../destinations/webhook-deliver.task';
import type { DeliverTaskDeps } from '../destinations/webhook-deliver.task';

/** Short delays, so that a test sees every retry of the schedule. */
const SHORT_SCHEDULE = [0.1, 0.2, 0.3];

/** The task's settings for a test: the short schedule, private targets allowed. */
export function deliverDeps(
  db: Db,
  overrides: Partial<DeliverTaskDeps> = {},
): DeliverTaskDeps & { metrics: DestinationMetrics } {
  return {
    db,
    logger: createTestLogger('error').logger,
    metrics: createDestinationMetrics(),
    agents: createWebhookAgents(),
    schedule: SHORT_SCHEDULE,
    timeoutMs: 10_000,
    allowPrivate: true,
    batchSends: 50,
    ...overrides,
  };
}

/** Starts a runner with the webhook-deliver task only. */
export function startDeliverRunner(
  database: TestDatabase,
  deps: DeliverTaskDeps,
): Promise<RunnerUnderTest> {
  return startTestRunner(database.url, {
    taskList: { [WEBHOOK_DELIVER_TASK]: webhookDeliverTask(deps) },
  });
}

/** A tenant's destination posting to the receiver (or `url`), with its secret. */
export async function receiverDestination(
  db: Db,
  receiver: WebhookReceiver,
  url = `${receiver.url}/hooks`,
): Promise<{ destination: DestinationRecord; secret: string }> {
  const tenantId = (await createTestTenant(db)).tenant.tenantId;
  const created = await createDestination(db, tenantId, { name: 'Receiver', url });
  if (!created.ok) throw new Error(created.error);
  return created.value;
}

/** Queues `count` deliveries (bodies `{"n":…}`) to the destination; returns their ids. */
export function queueDeliveries(
  db: Db,
  destination: DestinationRecord,
  count: number,
  firstChange = 1,
): Promise<string[]> {
  return enqueueDeliveries(
    db,
    Array.from({ length: count }, (_, i) => ({
      tenantId: destination.tenantId,
      destinationId: destination.destinationId,
      changeId: firstChange + i,
      subjectId: 'subject',
      profileId: null,
      type: 'event.received',
      body: JSON.stringify({
        type: 'event.received',
        timestamp: '2026-11-24T10:00:00.000Z',
        data: { n: firstChange + i },
      }),
    })),
  );
}

/** Polls until every delivery is in one of `statuses`; returns them. */
export async function settled(
  db: Db,
  destination: DestinationRecord,
  ids: readonly string[],
  statuses: readonly string[],
  timeoutMs = 20_000,
): Promise<DeliveryRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await Promise.all(
      ids.map((id) => findDelivery(db, destination.tenantId, destination.destinationId, id)),
    );
    if (rows.every((r) => r !== undefined && statuses.includes(r.status)))
      return rows as DeliveryRecord[];
    if (Date.now() > deadline) {
      throw new Error(
        `deliveries not ${statuses.join('/')}: ${JSON.stringify(rows.map((r) => r?.status))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export { startWebhookReceiver };
export type { WebhookReceiver };
