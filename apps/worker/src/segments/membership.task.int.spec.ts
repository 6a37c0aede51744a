import { EventEmitter } from 'node:events';
import {
  advanceChangeCursor,
  currentFeedHead,
  findChangeCursor,
  readChanges,
} from '@stratum/changes';
import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { createSegment } from '@stratum/segments';
import { ingestEvents, recordConsent } from '@stratum/segments/testing';
import { quickAddJob } from 'graphile-worker';
import type { WorkerEvents } from 'graphile-worker';
import { startTestRunner } from '../testing/queue-under-test';
import type { RunnerUnderTest } from '../testing/queue-under-test';
import {
  SEGMENT_MEMBERSHIP_JOB,
  SEGMENT_MEMBERSHIP_TASK,
  runSegmentMembership,
  segmentMembershipTask,
} from './membership.task';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
}, 60_000);
afterAll(() => database.destroy());

const { logger } = createTestLogger('info');
const deps = () => ({ db, logger, batchSize: 100 });
const AT = new Date('2026-11-20T10:00:00Z');

async function membersOf(segmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cdp_segment_members')
    .select('profile_id')
    .where('segment_id', '=', segmentId)
    .orderBy('profile_id')
    .execute();
  return rows.map((r) => r.profile_id);
}

/** Runs until the feed is drained; other files' open transactions hold the horizon briefly. */
async function drain(expect: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const run = await runSegmentMembership(deps());
    if (!run.backlog && (await expect())) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function segment(tenantId: string, definition: unknown): Promise<string> {
  const created = await createSegment(db, tenantId, { name: 'S', definition });
  if (!created.ok) throw new Error(created.error);
  return created.value.segmentId;
}

describe('runSegmentMembership', () => {
  it('rebuilds without a cursor, then follows events, consents and merges from the feed', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const [early] = await ingestEvents(db, tenantId, [
      {
        identifiers: [{ type: 'email', value: 'early@x.test' }],
        occurredAt: AT,
        name: 'Signed Up',
      },
    ]);
    const buyers = await segment(tenantId, { event: 'Order Completed' });
    const marketing = await segment(tenantId, { consent: 'marketing', status: 'granted' });
    // Wiped as if the segment was stored by hand: only the rebuild can bring it back.
    await db.deleteFrom('cdp_segment_members').where('segment_id', '=', buyers).execute();

    const first = await runSegmentMembership(deps());
    expect(first).toMatchObject({ rebuilt: true, backlog: true });
    expect(await findChangeCursor(db, SEGMENT_MEMBERSHIP_TASK)).toBeDefined();

    const [ann] = await ingestEvents(db, tenantId, [
      {
        identifiers: [{ type: 'email', value: 'ann@x.test' }],
        occurredAt: AT,
        name: 'Order Completed',
      },
    ]);
    await recordConsent(db, tenantId, early!, {
      purpose: 'marketing',
      status: 'granted',
      occurredAt: AT,
    });
    await drain(async () => (await membersOf(buyers)).length === 1);
    expect(await membersOf(buyers)).toEqual([ann]);
    expect(await membersOf(marketing)).toEqual([early]);

    // One event names both: resolution merges one profile into the other.
    const [survivor] = await ingestEvents(db, tenantId, [
      {
        identifiers: [
          { type: 'email', value: 'ann@x.test' },
          { type: 'email', value: 'early@x.test' },
        ],
        occurredAt: AT,
        name: 'Page Viewed',
      },
    ]);
    const gone = survivor === ann ? early! : ann!;
    await drain(async () => !(await membersOf(marketing)).includes(gone));
    expect(await membersOf(buyers)).toEqual([survivor]);
    expect(await membersOf(marketing)).toEqual([survivor]);
    const exits = await db
      .selectFrom('cdp_segment_membership_log')
      .select(['segment_id', 'change'])
      .where('profile_id', '=', gone)
      .where('change', '=', 'exited')
      .execute();
    expect(exits).toHaveLength(1);
  });

  it('applies nothing when another run moved the cursor while it waited for it', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const buyers = await segment(tenantId, { event: 'Order Completed' });
    await drain(() => Promise.resolve(true));
    await ingestEvents(db, tenantId, [
      {
        identifiers: [{ type: 'email', value: 'late@x.test' }],
        occurredAt: AT,
        name: 'Order Completed',
      },
    ]);
    const before = (await findChangeCursor(db, SEGMENT_MEMBERSHIP_TASK))!;
    let moved!: () => void;
    const otherRunDone = new Promise<void>((resolve) => (moved = resolve));
    // The other instance: holds the cursor row, then moves it past everything and commits.
    const other = db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('cdp_change_cursors')
        .select('consumer')
        .where('consumer', '=', SEGMENT_MEMBERSHIP_TASK)
        .forUpdate()
        .execute();
      await otherRunDone;
      await advanceChangeCursor(trx, SEGMENT_MEMBERSHIP_TASK, await currentFeedHead(db));
    });
    // Wait until the change is readable (other files' transactions hold the horizon briefly).
    const deadline = Date.now() + 10_000;
    while ((await readChanges(db, { after: before, limit: 10 })).changes.length === 0) {
      if (Date.now() > deadline) throw new Error('the change never became readable');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const waiting = runSegmentMembership(deps());
    // Time for the run to read its page and block on the row; then the other commits.
    await new Promise((resolve) => setTimeout(resolve, 200));
    moved();
    await other;
    const result = await waiting;
    expect(result).toMatchObject({ changes: 0, backlog: true, entered: 0 });
    expect(await membersOf(buyers)).toEqual([]);
    expect(await findChangeCursor(db, SEGMENT_MEMBERSHIP_TASK)).not.toBe(before);
  });

  it('runs as a queue job that re-queues itself, so membership follows within seconds', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const pro = await segment(tenantId, { trait: 'plan', op: 'eq', value: 'pro' });
    const events = new EventEmitter() as WorkerEvents;
    let runs = 0;
    events.on('job:success', ({ job }) => {
      if (job.task_identifier === SEGMENT_MEMBERSHIP_TASK) runs += 1;
    });
    let under: RunnerUnderTest | undefined;
    try {
      under = await startTestRunner(database.url, {
        taskList: {
          [SEGMENT_MEMBERSHIP_TASK]: segmentMembershipTask({ ...deps(), idleMs: 100 }),
        },
        events,
      });
      await quickAddJob(
        { pgPool: under.pool },
        SEGMENT_MEMBERSHIP_TASK,
        {},
        SEGMENT_MEMBERSHIP_JOB,
      );
      const [ann] = await ingestEvents(db, tenantId, [
        {
          identifiers: [{ type: 'email', value: 'pro@x.test' }],
          occurredAt: AT,
          traits: { plan: 'pro' },
        },
      ]);
      const deadline = Date.now() + 10_000;
      while ((await membersOf(pro)).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await membersOf(pro)).toEqual([ann]);
      // The chain goes on while idle, one job waiting at a time under the key.
      const waiting: number[] = [];
      while (runs < 3 && Date.now() < deadline) {
        const { rows } = await under.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM graphile_worker.jobs
           WHERE task_identifier = $1 AND locked_at IS NULL`,
          [SEGMENT_MEMBERSHIP_TASK],
        );
        waiting.push(rows[0]!.n);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(runs).toBeGreaterThanOrEqual(3);
      expect(Math.max(...waiting)).toBe(1);
    } finally {
      await under?.close();
    }
  });
});
