import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MultiStatementClient } from '@stratum/db';
import type { Database } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { trackEvent } from '../testing/ingest-test-app';
import { ingestRequest, withRefused } from '../testing/ingest-requests';
import type { IngestRequest, IngestTenant, TenantSettings } from '@stratum/ingestion';
import { ingestRequests, isolateBadEvents } from '@stratum/ingestion';

let testDb: TestDatabase;
let db: Kysely<Database>;
let tenant: IngestTenant;
/** Every round trip sent, in order, and whether it failed. */
let sent: { sql: string; failed: boolean }[] = [];

const settings: TenantSettings = {
  dedupeWindowDays: 7,
  junkIdentifierValues: [],
  identifierLimits: { external_id: 1 },
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenant = { tenantId: (await createTestTenant(testDb.db)).tenant.tenantId, settings };
  db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: testDb.url, max: 2, Client: MultiStatementClient }),
    }),
    log: (event) => {
      sent.push({ sql: event.query.sql, failed: event.level === 'error' });
    },
  });
});
afterAll(async () => {
  await db.destroy();
  await testDb.destroy();
});
beforeEach(() => {
  sent = [];
});

const idsOf = (request: IngestRequest) => request.events.map((e) => e.eventId);

/** The ids among `eventIds` that have a stored event, and those that hold a dedupe key. */
async function stored(eventIds: string[]): Promise<{ events: string[]; keys: string[] }> {
  const read = async (table: 'cdp_events' | 'cdp_event_dedupe') =>
    (
      await sql<{ event_id: string }>`
        SELECT event_id FROM ${sql.table(table)}
        WHERE tenant_id = ${tenant.tenantId} AND event_id = ANY(${eventIds}::text[])
        ORDER BY event_id`.execute(testDb.db)
    ).rows.map((r) => r.event_id);
  return { events: await read('cdp_events'), keys: await read('cdp_event_dedupe') };
}

/** Runs the request for real, and isolates its refused events as the queue does. */
async function ingest(request: IngestRequest) {
  try {
    return (await ingestRequests(db, tenant, [request]))[0]!;
  } catch (failure) {
    return isolateBadEvents(db, tenant, request, failure);
  }
}

describe('isolateBadEvents', () => {
  it('rejects exactly the refused events and stores the rest in one transaction', async () => {
    const clean = ingestRequest(...Array.from({ length: 7 }, () => trackEvent()));
    const request = withRefused(clean, 1, 5);

    const results = await ingest(request);

    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, 'accepted'],
      [1, 'rejected'],
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'accepted'],
      [5, 'rejected'],
      [6, 'accepted'],
    ]);
    expect(results[1]).toEqual({
      index: 1,
      status: 'rejected',
      errors: [
        { path: '', message: 'holds a character the database cannot store (SQLSTATE 22P05)' },
      ],
    });
    const accepted = idsOf(clean).filter((_, i) => i !== 1 && i !== 5);
    expect(await stored(idsOf(clean))).toEqual({
      events: [...accepted].sort(),
      keys: [...accepted].sort(),
    });
    // The first attempt failed and the trials rolled back: one transaction committed.
    const committed = sent.filter((q) => !q.failed && /COMMIT$/.test(q.sql));
    expect(committed).toHaveLength(1);
    expect(committed[0]!.sql).toMatch(/INSERT INTO cdp_events/);
    expect(sent.filter((q) => q.sql === 'ROLLBACK').length).toBeGreaterThan(1);
  });

  it('leaves nothing of a refused event behind, so it can be sent again', async () => {
    const clean = ingestRequest(trackEvent(), trackEvent());
    await ingest(withRefused(clean, 0));
    expect((await stored(idsOf(clean))).keys).toEqual([clean.events[1]!.eventId]);

    const again = await ingest({ ...clean, events: [clean.events[0]!] });
    expect(again).toEqual([expect.objectContaining({ index: 0, status: 'accepted' })]);
  });

  it('rejects every event when all are refused, writing nothing', async () => {
    const clean = ingestRequest(trackEvent(), trackEvent(), trackEvent());
    const results = await ingest(withRefused(clean, 0, 1, 2));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await stored(idsOf(clean))).toEqual({ events: [], keys: [] });
  });

  it('throws a failure that is not a data exception as it is, without retrying', async () => {
    const failure = Object.assign(new Error('unique violation'), { code: '23505' });
    await expect(isolateBadEvents(db, tenant, ingestRequest(trackEvent()), failure)).rejects.toBe(
      failure,
    );
    expect(sent).toEqual([]);
  });
});
