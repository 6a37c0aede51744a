import type { Db } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { createTestLogger } from '@stratum/http/testing';
import { createSegment } from '@stratum/segments';
import { runSegmentsRecompute } from './segments-recompute.task';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
}, 60_000);
afterAll(() => database.destroy());

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-20T10:00:00Z');

async function membersOf(segmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cdp_segment_members')
    .select('profile_id')
    .where('segment_id', '=', segmentId)
    .execute();
  return rows.map((r) => r.profile_id);
}

describe('runSegmentsRecompute', () => {
  it('recomputes the time-relative segments of every tenant, and only those', async () => {
    const tenantIds = [
      (await createTestTenant(db)).tenant.tenantId,
      (await createTestTenant(db)).tenant.tenantId,
    ];
    const recent: string[] = [];
    const plain: string[] = [];
    for (const tenantId of tenantIds) {
      await db
        .insertInto('cdp_profiles')
        .values({
          tenant_id: tenantId,
          first_seen_at: new Date(NOW.getTime() - 10 * DAY),
          last_seen_at: new Date(NOW.getTime() - 3 * DAY),
          traits: { plan: 'pro' },
        })
        .execute();
      const a = await createSegment(
        db,
        tenantId,
        { name: 'Recent', definition: { last_seen: { within_days: 5 } } },
        { now: NOW },
      );
      const b = await createSegment(
        db,
        tenantId,
        { name: 'Pro', definition: { trait: 'plan', op: 'eq', value: 'pro' } },
        { now: NOW },
      );
      if (!a.ok || !b.ok) throw new Error('segment refused');
      recent.push(a.value.segmentId);
      plain.push(b.value.segmentId);
    }
    for (const id of [...recent, ...plain]) expect(await membersOf(id)).toHaveLength(1);
    // Emptied by hand: a recompute of this segment would fill it again.
    await db.deleteFrom('cdp_segment_members').where('segment_id', '=', plain[0]!).execute();
    const { logger, lines } = createTestLogger('info');

    const result = await runSegmentsRecompute({ db, logger }, new Date(NOW.getTime() + 3 * DAY));

    expect(result).toEqual({ segments: 2, entered: 0, exited: 2 });
    for (const id of recent) expect(await membersOf(id)).toEqual([]);
    expect(await membersOf(plain[0]!)).toEqual([]);
    expect(await membersOf(plain[1]!)).toHaveLength(1);
    expect(lines().find((l) => l.message === 'time-relative segments recomputed')).toMatchObject({
      task: 'segments-recompute',
      segments: 2,
      exited: 2,
    });
  });
});
