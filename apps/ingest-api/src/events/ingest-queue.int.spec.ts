import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MultiStatementClient } from '@stratum/db';
import type { Database } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { trackEvent } from '../testing/ingest-test-app';
import { ingestRequest as request, withRefused } from '../testing/ingest-requests';
import type { IngestRequest, TenantSettings } from '@stratum/ingestion';
import { createIngestQueue, requestLaneOf } from '@stratum/ingestion';

let testDb: TestDatabase;
let db: Kysely<Database>;
let tenantId: string;
/** Dedupe claims seen: one per transaction that stores events, in its first round trip. */
let claims = 0;
/** Transactions open on the pool now, and the most seen open at once. */
let open = 0;
let mostOpen = 0;

/**
 * Counts transactions as PostgreSQL sees them: open from the round trip that sends BEGIN
 * until the answer to the one that commits, or to the ROLLBACK that follows a failure.
 */
class CountingClient extends MultiStatementClient {
  constructor(config?: pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : '';
      if (text.startsWith('BEGIN')) mostOpen = Math.max(mostOpen, ++open);
      const answer = query(...args);
      if (!/(^ROLLBACK|COMMIT)$/.test(text) || !(answer instanceof Promise)) return answer;
      return answer.then((result: unknown) => {
        open -= 1;
        return result;
      });
    }) as pg.Client['query'];
  }
}

const settings: TenantSettings = {
  dedupeWindowDays: 7,
  junkIdentifierValues: [],
  identifierLimits: { external_id: 1 },
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  const pool = new pg.Pool({ connectionString: testDb.url, max: 12, Client: CountingClient });
  // As createDb's pools do: an idle connection the server ends (a restart, an administrator on
  // a shared server) is dropped from the pool, not an uncaught error that fails the file.
  pool.on('error', () => undefined);
  db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (
        event.level === 'query' &&
        /^BEGIN;\s*INSERT INTO cdp_event_dedupe/.test(event.query.sql)
      ) {
        claims += 1;
      }
    },
  });
});
afterAll(async () => {
  await db.destroy();
  await testDb.destroy();
});
beforeEach(() => {
  claims = 0;
  mostOpen = 0;
});

async function storedCount(eventIds: string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cdp_events
    WHERE tenant_id = ${tenantId} AND event_id = ANY(${eventIds}::text[])`.execute(db);
  return rows[0]!.n;
}

describe('createIngestQueue', () => {
  it('starts a lone request at once and stores it', async () => {
    const queue = createIngestQueue(db);
    const event = trackEvent();
    const [result] = await queue.submit({ tenantId, settings }, request(event));
    expect(result).toMatchObject({ index: 0, status: 'accepted' });
    expect(claims).toBe(1);
    expect(await storedCount([event.event_id as string])).toBe(1);
  });

  it('coalesces the requests that wait behind a running transaction into one', async () => {
    const queue = createIngestQueue(db, { maxTransactionsPerLane: 1 });
    const events = [trackEvent(), trackEvent(), trackEvent(), trackEvent()];
    const answers = await Promise.all([
      queue.submit({ tenantId, settings }, request(events[0]!)),
      queue.submit({ tenantId, settings }, request(events[1]!, events[2]!)),
      queue.submit({ tenantId, settings }, request(events[3]!)),
    ]);
    // The first runs alone; the two that arrived meanwhile share the next transaction.
    expect(claims).toBe(2);
    expect(answers.map((results) => results.map((r) => [r.index, r.status]))).toEqual([
      [[0, 'accepted']],
      [
        [0, 'accepted'],
        [1, 'accepted'],
      ],
      [[0, 'accepted']],
    ]);
    expect(await storedCount(events.map((e) => e.event_id as string))).toBe(4);
  });

  it('stores an event id sent by two coalesced requests once, the later one a duplicate', async () => {
    const queue = createIngestQueue(db, { maxTransactionsPerLane: 1 });
    const shared = trackEvent();
    const [, first, second] = await Promise.all([
      queue.submit({ tenantId, settings }, request(trackEvent())),
      queue.submit({ tenantId, settings }, request(shared)),
      queue.submit({ tenantId, settings }, request({ ...shared })),
    ]);
    expect(claims).toBe(2);
    const stored = first[0]!;
    if (stored.status !== 'accepted') throw new Error(`expected accepted, got ${stored.status}`);
    expect(second[0]).toEqual({ index: 0, status: 'duplicate', profileId: stored.profileId });
    expect(await storedCount([shared.event_id as string])).toBe(1);
  });

  it('caps a transaction at maxEventsPerTransaction, keeping whole requests', async () => {
    const queue = createIngestQueue(db, {
      maxTransactionsPerLane: 1,
      maxEventsPerTransaction: 2,
    });
    const answers = await Promise.all(
      [1, 2, 1, 1].map((size) =>
        queue.submit(
          { tenantId, settings },
          request(...Array.from({ length: size }, () => trackEvent())),
        ),
      ),
    );
    // [1] alone, then [2] (a second request would exceed 2 events), then [1, 1].
    expect(claims).toBe(3);
    expect(answers.flat().every((r) => r.status === 'accepted')).toBe(true);
  });

  it('retries a failed shared transaction by halves, so only the refused event fails', async () => {
    const queue = createIngestQueue(db, { maxTransactionsPerLane: 1 });
    const good = trackEvent();
    const bad = trackEvent();
    const [, goodAnswer, badAnswer] = await Promise.all([
      queue.submit({ tenantId, settings }, request(trackEvent())),
      queue.submit({ tenantId, settings }, request(good)),
      queue.submit({ tenantId, settings }, withRefused(request(bad), 0)),
    ]);
    expect(goodAnswer).toEqual([expect.objectContaining({ index: 0, status: 'accepted' })]);
    expect(badAnswer).toEqual([
      { index: 0, status: 'rejected', errors: [{ path: '', message: expect.any(String) }] },
    ]);
    expect(await storedCount([good.event_id as string, bad.event_id as string])).toBe(1);
  });

  it("runs a tenant's lanes side by side, each coalescing its own requests", async () => {
    const queue = createIngestQueue(db, { lanesPerTenant: 2, maxTransactionsPerLane: 1 });
    // Requests of one event each, three of lane 0 and two of lane 1, in this order.
    const byLane: Record<number, IngestRequest[]> = { 0: [], 1: [] };
    while (byLane[0]!.length < 3 || byLane[1]!.length < 2) {
      const candidate = request(trackEvent());
      byLane[requestLaneOf(candidate.events, 2)]!.push(candidate);
    }
    const order = [byLane[0]![0]!, byLane[1]![0]!, byLane[0]![1]!, byLane[1]![1]!, byLane[0]![2]!];
    await Promise.all(Array.from({ length: 4 }, () => sql`SELECT pg_sleep(0.05)`.execute(db)));
    mostOpen = 0;
    const answers = await Promise.all(order.map((r) => queue.submit({ tenantId, settings }, r)));
    // Each lane's first request starts at once, both open together; the rest of each lane
    // share its next transaction: four transactions for five requests.
    expect(mostOpen).toBe(2);
    expect(claims).toBe(4);
    expect(answers.flat().map((r) => r.status)).toEqual(Array(5).fill('accepted'));
    expect(await storedCount(order.map((r) => r.events[0]!.eventId))).toBe(5);
  });

  it('keeps a failed group and its retries to maxTransactionsPerLane', async () => {
    const queue = createIngestQueue(db, { maxTransactionsPerLane: 2 });
    // Every connection opened beforehand, so retries could run at once if the queue let them.
    await Promise.all(Array.from({ length: 12 }, () => sql`SELECT pg_sleep(0.05)`.execute(db)));
    mostOpen = 0;
    const requests = Array.from({ length: 12 }, () => request(trackEvent(), trackEvent()));
    // Two start at once; the ten that wait form one group, failed by its sixth request.
    requests[7] = withRefused(requests[7]!, 1);
    const answers = await Promise.all(requests.map((r) => queue.submit({ tenantId, settings }, r)));
    expect(mostOpen).toBeGreaterThan(0);
    expect(mostOpen).toBeLessThanOrEqual(2);
    expect(answers.map((a) => a.map((r) => r.status))).toEqual(
      requests.map((_, i) => (i === 7 ? ['accepted', 'rejected'] : ['accepted', 'accepted'])),
    );
    const ids = requests.flatMap((r) => r.events.map((e) => e.eventId));
    expect(await storedCount(ids)).toBe(23);
  });
});
