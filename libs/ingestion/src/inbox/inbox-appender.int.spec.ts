import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { validatedEvent } from '../testing';
import { createInboxAppender } from './inbox-appender';
import type { InboxAppend } from './inbox.statements';

let testDb: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
});
afterAll(() => testDb.destroy());
beforeEach(async () => {
  await testDb.db.deleteFrom('cdp_inbox').execute();
});

const request = (email: string, tenant = tenantId): InboxAppend => ({
  tenantId: tenant,
  sourceId: null,
  receivedAt: new Date(),
  route: 'events',
  events: [validatedEvent(email)],
});

/** Rows by the transaction that wrote them: one statement, one commit, one xmin. */
async function commits(): Promise<number[]> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cdp_inbox GROUP BY xmin::text ORDER BY min(inbox_id)`.execute(
    testDb.db,
  );
  return rows.map((r) => r.n);
}

describe('the inbox appender', () => {
  it('starts a lone request at once and gathers those that arrive meanwhile into one commit', async () => {
    const append = createInboxAppender(testDb.db, { maxInFlight: 1 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(request(`p${i}@example.com`))));
    expect(await commits()).toEqual([1, 19]);
  });

  it('keeps a statement to at most maxEvents (whole requests)', async () => {
    const append = createInboxAppender(testDb.db, { maxInFlight: 1, maxEvents: 5 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(request(`q${i}@example.com`))));
    expect(await commits()).toEqual([1, 5, 5, 1]);
  });

  it('fails every request of a statement that fails, and writes none of them', async () => {
    const append = createInboxAppender(testDb.db, { maxInFlight: 1 });
    const first = append(request('first@example.com'));
    // No such tenant: the second statement breaks the foreign key, for both its requests.
    const results = await Promise.allSettled([
      append(request('ok@example.com')),
      append(request('orphan@example.com', randomUUID())),
    ]);
    await first;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await commits()).toEqual([1]);
    // The appender goes on.
    await append(request('after@example.com'));
    expect(await commits()).toEqual([1, 1]);
  });
});
