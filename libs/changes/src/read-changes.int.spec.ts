import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { ChangeKind, Db } from '@stratum/db';
import { FEED_START, compareChangeCursors } from './change-cursor';
import { currentFeedHead } from './change-cursors.repository';
import { readChanges } from './read-changes';
import type { ChangesPage, ReadChangesOptions } from './read-changes';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb.destroy());

async function newTenant(): Promise<string> {
  return (await createTestTenant(db)).tenant.tenantId;
}

async function record(
  handle: Db,
  tenantId: string,
  label: string,
  kind: ChangeKind = 'profile.created',
): Promise<void> {
  await handle
    .insertInto('cdp_changes')
    .values({ tenant_id: tenantId, kind, data: JSON.stringify({ label }) })
    .execute();
}

const labels = (page: ChangesPage) =>
  page.changes.map((c) => (c.data as unknown as { label: string }).label);

/**
 * Reads until `done` holds. Other test files share the server, and their open transactions
 * hold every database's horizon back for a moment: the feed waits for them.
 */
async function readUntil(
  options: ReadChangesOptions,
  done: (page: ChangesPage) => boolean,
): Promise<ChangesPage> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = await readChanges(db, options);
    if (done(page) || Date.now() > deadline) return page;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('readChanges', () => {
  it('pages through one tenant in order, the cursor moving with each page', async () => {
    const [tenantId, other] = [await newTenant(), await newTenant()];
    for (const label of ['a', 'b', 'c', 'd', 'e']) await record(db, tenantId, label);
    await record(db, other, 'theirs');
    const first = await readUntil(
      { tenantId, after: FEED_START, limit: 2 },
      (p) => p.changes.length === 2,
    );
    expect(labels(first)).toEqual(['a', 'b']);
    expect(first.nextCursor).toBe(first.changes[1]!.cursor);
    const second = await readChanges(db, { tenantId, after: first.nextCursor, limit: 2 });
    expect(labels(second)).toEqual(['c', 'd']);
    const last = await readUntil(
      { tenantId, after: second.nextCursor, limit: 2 },
      (p) => p.changes.length === 1,
    );
    expect(labels(last)).toEqual(['e']);
    expect(last.changes[0]).toMatchObject({ tenantId, kind: 'profile.created', profileId: null });
    expect(last.changes[0]!.recordedAt).toBeInstanceOf(Date);
    expect(compareChangeCursors(last.nextCursor, last.changes[0]!.cursor)).toBeGreaterThan(0);
    const none = await readChanges(db, { tenantId, after: last.nextCursor, limit: 2 });
    expect(none.changes).toEqual([]);
  });

  it('reads every tenant without a tenant, and only the kinds asked for', async () => {
    const head = await currentFeedHead(db);
    const [t1, t2] = [await newTenant(), await newTenant()];
    await record(db, t1, 'one', 'consent.changed');
    await record(db, t2, 'two', 'event.stored');
    await record(db, t2, 'three', 'consent.changed');
    const all = await readUntil({ after: head, limit: 10 }, (p) => p.changes.length === 3);
    expect(labels(all)).toEqual(['one', 'two', 'three']);
    const consents = await readUntil(
      { after: head, limit: 10, kinds: ['consent.changed'] },
      (p) => p.changes.length === 2,
    );
    expect(labels(consents)).toEqual(['one', 'three']);
    // The cursor moved past the change it filtered out: nothing is rescanned.
    expect(compareChangeCursors(consents.nextCursor, all.changes[2]!.cursor)).toBeGreaterThan(0);
    expect(await readChanges(db, { after: head, limit: 10, kinds: [] })).toEqual({
      changes: [],
      nextCursor: head,
      xmax: '0',
    });
  });

  it.each([0, 10_001, 1.5])('refuses a limit of %p', async (limit) => {
    await expect(readChanges(db, { after: FEED_START, limit })).rejects.toThrow(RangeError);
  });

  it('never reads past a transaction still open, and reads its change once it commits', async () => {
    const tenantId = await newTenant();
    const [inserted, commit] = [deferred(), deferred()];
    const late = db.transaction().execute(async (trx) => {
      await record(trx, tenantId, 'late');
      inserted.resolve();
      await commit.promise;
    });
    await inserted.promise;
    await record(db, tenantId, 'early');
    // 'early' committed, but a transaction that began writing before it is still open.
    const before = await readChanges(db, { tenantId, after: FEED_START, limit: 10 });
    expect(before.changes).toEqual([]);
    commit.resolve();
    await late;
    const after = await readUntil(
      { tenantId, after: before.nextCursor, limit: 10 },
      (p) => p.changes.length === 2,
    );
    expect(labels(after)).toEqual(['late', 'early']);
  });

  it('never skips a change whose id is lower than one already read but committed later', async () => {
    const tenantId = await newTenant();
    const [olderHasXid, youngerInserted, olderGo, youngerCommit] = [
      deferred(),
      deferred(),
      deferred(),
      deferred(),
    ];
    // The older transaction takes its xid first but writes its change last.
    const older = db.transaction().execute(async (trx) => {
      await trx.selectNoFrom((eb) => eb.fn('pg_current_xact_id', []).as('xid')).execute();
      olderHasXid.resolve();
      await olderGo.promise;
      await record(trx, tenantId, 'higher id, committed first');
    });
    await olderHasXid.promise;
    const younger = db.transaction().execute(async (trx) => {
      await record(trx, tenantId, 'lower id, committed last');
      youngerInserted.resolve();
      await youngerCommit.promise;
    });
    await youngerInserted.promise;
    olderGo.resolve();
    await older;

    const first = await readUntil(
      { tenantId, after: FEED_START, limit: 10 },
      (p) => p.changes.length === 1,
    );
    expect(labels(first)).toEqual(['higher id, committed first']);
    youngerCommit.resolve();
    await younger;
    const second = await readUntil(
      { tenantId, after: first.nextCursor, limit: 10 },
      (p) => p.changes.length === 1,
    );
    expect(labels(second)).toEqual(['lower id, committed last']);
    // A cursor on the id alone would have stepped over it.
    expect(second.changes[0]!.changeId).toBeLessThan(first.changes[0]!.changeId);
  });

  it('reports an xmax above every transaction committed before the read', async () => {
    const tenantId = await newTenant();
    const committed = await db.transaction().execute(async (trx) => {
      await record(trx, tenantId, 'committed before');
      return (
        await trx
          .selectNoFrom((eb) => eb.fn<string>('pg_current_xact_id', []).as('xid'))
          .executeTakeFirstOrThrow()
      ).xid;
    });
    const page = await readChanges(db, { tenantId, after: FEED_START, limit: 10 });
    expect(BigInt(page.xmax)).toBeGreaterThan(BigInt(committed));
    // Once a page's horizon reaches that xmax, the transaction's change has been read.
    const caughtUp = await readUntil(
      { tenantId, after: FEED_START, limit: 10 },
      (p) => BigInt(p.nextCursor.split(':')[0]!) >= BigInt(page.xmax),
    );
    expect(labels(caughtUp)).toEqual(['committed before']);
  });
});
