import { sql } from 'kysely';
import { installJobQueue } from '@stratum/destinations/testing';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { appendToInbox } from '@stratum/ingestion';
import { validatedEvent } from '@stratum/ingestion/testing';
import { Registry } from 'prom-client';
import { startTestRunner } from '../testing/queue-under-test';
import type { RunnerUnderTest } from '../testing/queue-under-test';
import { createInboxMetrics } from './inbox-metrics';
import { INBOX_RESOLVE_TASK, inboxResolveTask } from './inbox-resolve.task';
import { inboxCronItems, startInboxChains } from './inbox.schedule';

let database: TestDatabase;
let runner: RunnerUnderTest;
let tenantId: string;
const registry = new Registry();

beforeAll(async () => {
  database = await createTestDatabase();
  await installJobQueue(database.url);
  tenantId = (await createTestTenant(database.db)).tenant.tenantId;
  runner = await startTestRunner(database.url, {
    taskList: {
      [INBOX_RESOLVE_TASK]: inboxResolveTask({
        db: database.db,
        logger: createTestLogger('error').logger,
        metrics: createInboxMetrics(registry, database.db),
        resolvers: 2,
        batchSize: 50,
        idleMs: 50,
      }),
    },
  });
  await startInboxChains(runner.queue.runner, 2);
});
afterAll(async () => {
  await runner.close();
  await database.destroy();
});

async function waitForEmptyInbox(timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { n } = await database.db
      .selectFrom('cdp_inbox')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} events still in the inbox`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the inbox-resolve task', () => {
  it('resolves what is appended, in batches, through both resolvers, and keeps going', async () => {
    const events = Array.from({ length: 240 }, (_, i) =>
      validatedEvent(`buyer${i % 60}@example.com`, { index: i }),
    );
    await appendToInbox(database.db, [
      {
        tenantId,
        sourceId: null,
        receivedAt: new Date(),
        route: 'events',
        events,
      },
    ]);
    await waitForEmptyInbox();
    const stored = await database.db
      .selectFrom('cdp_events')
      .select(['profile_id'])
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(stored).toHaveLength(240);
    expect(new Set(stored.map((r) => r.profile_id)).size).toBe(60);

    // The chains stay alive: a later append is resolved too.
    await appendToInbox(database.db, [
      {
        tenantId,
        sourceId: null,
        receivedAt: new Date(),
        route: 'events',
        events: [validatedEvent('late@example.com')],
      },
    ]);
    await waitForEmptyInbox();

    // The run counts its events once its transaction is committed, a moment after the rows
    // are gone from the inbox.
    const stored241 = 'cdp_inbox_events_total{status="stored"} 241';
    const deadline = Date.now() + 10_000;
    let metrics = await registry.getSingleMetricAsString('cdp_inbox_events_total');
    while (!metrics.includes(stored241) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      metrics = await registry.getSingleMetricAsString('cdp_inbox_events_total');
    }
    expect(metrics).toContain(stored241);
    const depth = await registry.getSingleMetricAsString('cdp_inbox_events');
    expect(depth).toContain('cdp_inbox_events 0');
  });

  it('has one cron item per resolver that only restarts a broken chain', () => {
    const items = inboxCronItems({ INBOX_RESOLVERS: 3 });
    expect(items.map((i) => [i.identifier, i.payload, i.options?.jobKey])).toEqual([
      ['inbox-resolve:0', { resolver: 0 }, 'inbox-resolve:0'],
      ['inbox-resolve:1', { resolver: 1 }, 'inbox-resolve:1'],
      ['inbox-resolve:2', { resolver: 2 }, 'inbox-resolve:2'],
    ]);
    expect(items.every((i) => i.options?.jobKeyMode === 'preserve_run_at')).toBe(true);
  });
});
