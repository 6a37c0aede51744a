import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MultiStatementClient } from '@stratum/db';
import type { Database } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { trackEvent } from '../testing/ingest-test-app';
import type { TenantSettings } from '../tenants/tenant-settings';
import { createIngestQueue } from './ingest-queue';
import type { IngestRequest } from './ingest-batch.service';
import { normalizeEvent } from './normalize-event';

let testDb: TestDatabase;
let db: Kysely<Database>;
let tenantId: string;
/** Dedupe claims seen: one per transaction that stores events, in its first round trip. */
let claims = 0;

const settings: TenantSettings = {
  dedupeWindowDays: 7,
  junkIdentifierValues: [],
  identifierLimits: { external_id: 1 },
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: testDb.url, max: 4, Client: MultiStatementClient }),
    }),
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
});

function request(...raw: Record<string, unknown>[]): IngestRequest {
  const receivedAt = new Date();
  const events = raw.map((event, index) => {
    const check = normalizeEvent(event, index, { receivedAt });
    if (!check.ok) throw new Error(`invalid test event: ${JSON.stringify(check.errors)}`);
    return check.event;
  });
  return { sourceId: null, receivedAt, events };
}

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
    const queue = createIngestQueue(db, { maxTransactionsPerTenant: 1 });
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
    const queue = createIngestQueue(db, { maxTransactionsPerTenant: 1 });
    const shared = trackEvent();
    const [, first, second] = await Promise.all([
      queue.submit({ tenantId, settings }, request(trackEvent())),
      queue.submit({ tenantId, settings }, request(shared)),
      queue.submit({ tenantId, settings }, request({ ...shared })),
    ]);
    expect(claims).toBe(2);
    expect(first[0]).toMatchObject({ status: 'accepted' });
    const profileId = first[0]!.profileId;
    expect(second[0]).toEqual({ index: 0, status: 'duplicate', profileId });
    expect(await storedCount([shared.event_id as string])).toBe(1);
  });

  it('caps a transaction at maxEventsPerTransaction, keeping whole requests', async () => {
    const queue = createIngestQueue(db, {
      maxTransactionsPerTenant: 1,
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

  it('retries the requests of a failed shared transaction alone, so only the bad one fails', async () => {
    const queue = createIngestQueue(db, { maxTransactionsPerTenant: 1 });
    const good = trackEvent();
    const bad = trackEvent();
    // Validation refuses \u0000, which jsonb cannot hold; written past it into the stored row,
    // it makes PostgreSQL refuse the insert: a failure only the database sees.
    const badRequest = request(bad);
    const tampered = {
      ...badRequest.events[0]!,
      rowJson: `${badRequest.events[0]!.rowJson},"x":"\\u0000"`,
    };
    const outcomes = await Promise.allSettled([
      queue.submit({ tenantId, settings }, request(trackEvent())),
      queue.submit({ tenantId, settings }, request(good)),
      queue.submit({ tenantId, settings }, { ...badRequest, events: [tampered] }),
    ]);
    expect(outcomes[0].status).toBe('fulfilled');
    expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: [{ status: 'accepted' }] });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { code: '22P05' } });
    expect(await storedCount([good.event_id as string, bad.event_id as string])).toBe(1);
  });
});
