import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { Db } from '@stratum/db';
import { sql } from 'kysely';
import { reevaluateProfiles } from './reevaluate-profiles';
import { createSegment, deleteSegment } from './segment.repository';
import { NOW, buildWorld, daysAgo } from './testing/segment-world';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb.destroy());

const seen = { firstSeen: daysAgo(30), lastSeen: daysAgo(1) };

/** The segment's feed rows and log rows, in the same shape, in insertion order. */
async function feedAndLog(tenantId: string, segmentId: string) {
  const feed = await db
    .selectFrom('cdp_changes')
    .select(['kind', 'profile_id', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('kind', 'in', ['segment.entered', 'segment.exited'])
    .where(sql<boolean>`data @> ${JSON.stringify({ segment_id: segmentId })}::jsonb`)
    .orderBy('change_id')
    .execute();
  const log = await db
    .selectFrom('cdp_segment_membership_log')
    .select(['change', 'profile_id', 'version'])
    .where('segment_id', '=', segmentId)
    .orderBy('log_id')
    .execute();
  return {
    feed: feed.map((f) => [f.kind, f.profile_id, f.data]),
    log: log.map((l) => [
      `segment.${l.change}`,
      l.profile_id,
      { segment_id: segmentId, version: l.version },
    ]),
  };
}

describe('the change feed of segment membership', () => {
  it('records every entry and exit with the log, in the same statement', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const ids = await buildWorld(db, tenantId, {
      ann: { ...seen, traits: { plan: 'pro' } },
      ben: { ...seen, traits: { plan: 'pro' } },
      cat: { ...seen, traits: { plan: 'free' } },
    });
    const created = await createSegment(
      db,
      tenantId,
      { name: 'Pro', definition: { trait: 'plan', op: 'eq', value: 'pro' } },
      { now: NOW },
    );
    if (!created.ok) throw new Error(created.error);
    const segmentId = created.value.segmentId;

    await db
      .updateTable('cdp_profiles')
      .set({ traits: JSON.stringify({ plan: 'free' }) })
      .where('profile_id', '=', ids.ann!)
      .execute();
    await db
      .transaction()
      .execute((trx) => reevaluateProfiles(trx, tenantId, [ids.ann!, ids.cat!], { now: NOW }));
    await deleteSegment(db, tenantId, segmentId, { now: NOW });

    const { feed, log } = await feedAndLog(tenantId, segmentId);
    expect(feed).toEqual(log);
    const entered = { segment_id: segmentId, version: 1 };
    expect(feed.slice(0, 3)).toEqual(
      expect.arrayContaining([
        ['segment.entered', ids.ann, entered],
        ['segment.entered', ids.ben, entered],
        ['segment.exited', ids.ann, entered],
      ]),
    );
    expect(feed.at(-1)).toEqual(['segment.exited', ids.ben, entered]);
  });

  it('records nothing when membership does not change', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const ids = await buildWorld(db, tenantId, { ann: { ...seen, traits: { plan: 'pro' } } });
    const created = await createSegment(
      db,
      tenantId,
      { name: 'Pro', definition: { trait: 'plan', op: 'eq', value: 'pro' } },
      { now: NOW },
    );
    if (!created.ok) throw new Error(created.error);
    await db
      .transaction()
      .execute((trx) => reevaluateProfiles(trx, tenantId, [ids.ann!], { now: NOW }));
    const { feed } = await feedAndLog(tenantId, created.value.segmentId);
    expect(feed).toHaveLength(1);
  });
});
