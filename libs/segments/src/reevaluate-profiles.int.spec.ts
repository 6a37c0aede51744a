import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { Db } from '@stratum/db';
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
const PRO = { trait: 'plan', op: 'eq', value: 'pro' };

async function newSegment(tenantId: string, definition: unknown): Promise<string> {
  const created = await createSegment(db, tenantId, { name: 'S', definition }, { now: NOW });
  if (!created.ok) throw new Error(created.error);
  return created.value.segmentId;
}

async function setPlan(profileId: string, plan: string): Promise<void> {
  await db
    .updateTable('cdp_profiles')
    .set({ traits: JSON.stringify({ plan }) })
    .where('profile_id', '=', profileId)
    .execute();
}

async function membersOf(segmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cdp_segment_members')
    .select('profile_id')
    .where('segment_id', '=', segmentId)
    .orderBy('profile_id')
    .execute();
  return rows.map((r) => r.profile_id);
}

async function logOf(segmentId: string) {
  return db
    .selectFrom('cdp_segment_membership_log')
    .select(['profile_id', 'change', 'at'])
    .where('segment_id', '=', segmentId)
    .orderBy('log_id')
    .execute();
}

describe('reevaluateProfiles', () => {
  it('lets a profile that now matches enter and one that no longer does exit, logged', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const ids = await buildWorld(db, tenantId, {
      ann: { ...seen, traits: { plan: 'free' } },
      ben: { ...seen, traits: { plan: 'pro' } },
      cat: { ...seen, traits: { plan: 'free' } },
    });
    const pro = await newSegment(tenantId, PRO);
    const email = await newSegment(tenantId, { identifier: 'email' });
    expect(await membersOf(pro)).toEqual([ids.ben]);

    await setPlan(ids.ann!, 'pro');
    await setPlan(ids.ben!, 'free');
    // cat changed too, but it is not among the profiles given: it stays as it was.
    await setPlan(ids.cat!, 'pro');
    const later = new Date(NOW.getTime() + 60_000);
    const result = await reevaluateProfiles(db, tenantId, [ids.ann!, ids.ben!, ids.ann!], {
      now: later,
    });

    expect(result).toEqual({ segments: 2, entered: 1, exited: 1 });
    expect(await membersOf(pro)).toEqual([ids.ann]);
    expect(await membersOf(email)).toEqual([]);
    expect((await logOf(pro)).slice(1)).toEqual([
      { profile_id: ids.ben, change: 'exited', at: later },
      { profile_id: ids.ann, change: 'entered', at: later },
    ]);
    // Again: nothing more to do, nothing logged.
    expect(await reevaluateProfiles(db, tenantId, [ids.ann!, ids.ben!], { now: later })).toEqual({
      segments: 2,
      entered: 0,
      exited: 0,
    });
    expect(await logOf(pro)).toHaveLength(3);
  });

  it('takes a merged-away profile out of every segment and evaluates the survivor', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const ids = await buildWorld(db, tenantId, {
      kept: { ...seen, traits: { plan: 'free' } },
      gone: { ...seen, traits: { plan: 'pro' }, identifiers: ['email'] },
    });
    const pro = await newSegment(tenantId, PRO);
    const email = await newSegment(tenantId, { identifier: 'email' });
    expect(await membersOf(pro)).toEqual([ids.gone]);
    expect(await membersOf(email)).toEqual([ids.gone]);

    // The merge as resolution writes it: the loser points at the survivor, which takes its
    // identifiers and traits.
    await db
      .updateTable('cdp_profiles')
      .set({ merged_into: ids.kept!, merged_at: NOW })
      .where('profile_id', '=', ids.gone!)
      .execute();
    await db
      .updateTable('cdp_profile_identifiers')
      .set({ profile_id: ids.kept! })
      .where('profile_id', '=', ids.gone!)
      .execute();
    await setPlan(ids.kept!, 'pro');
    const result = await reevaluateProfiles(db, tenantId, [ids.kept!, ids.gone!], { now: NOW });

    expect(result).toEqual({ segments: 2, entered: 2, exited: 2 });
    expect(await membersOf(pro)).toEqual([ids.kept]);
    expect(await membersOf(email)).toEqual([ids.kept]);
    for (const segment of [pro, email]) {
      expect((await logOf(segment)).map((r) => [r.profile_id, r.change])).toEqual([
        [ids.gone, 'entered'],
        [ids.gone, 'exited'],
        [ids.kept, 'entered'],
      ]);
    }
  });

  it('leaves deleted segments alone and does nothing for no profiles', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const ids = await buildWorld(db, tenantId, { ann: { ...seen, traits: { plan: 'pro' } } });
    const pro = await newSegment(tenantId, PRO);
    await deleteSegment(db, tenantId, pro, { now: NOW });
    expect(await reevaluateProfiles(db, tenantId, [ids.ann!], { now: NOW })).toEqual({
      segments: 0,
      entered: 0,
      exited: 0,
    });
    expect(await reevaluateProfiles(db, tenantId, [], { now: NOW })).toEqual({
      segments: 0,
      entered: 0,
      exited: 0,
    });
    expect(await membersOf(pro)).toEqual([]);
  });

  it('serializes two re-evaluations of the same profiles: one entry each, never two', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    const world = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`p${i}`, { ...seen, traits: { plan: 'free' } }]),
    );
    const ids = Object.values(await buildWorld(db, tenantId, world));
    const pro = await newSegment(tenantId, PRO);
    await db
      .updateTable('cdp_profiles')
      .set({ traits: JSON.stringify({ plan: 'pro' }) })
      .where('tenant_id', '=', tenantId)
      .execute();

    // The first holds its transaction open after writing; the second must wait for it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const first = db.transaction().execute(async (trx) => {
      const result = await reevaluateProfiles(trx, tenantId, ids, { now: NOW });
      wrote();
      await released;
      return result;
    });
    await written;
    let secondDone = false;
    const second = reevaluateProfiles(db, tenantId, [...ids].reverse(), { now: NOW }).then((r) => {
      secondDone = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(false);
    release();
    const [a, b] = await Promise.all([first, second]);

    expect(a).toMatchObject({ entered: 20, exited: 0 });
    expect(b).toMatchObject({ entered: 0, exited: 0 });
    const log = await logOf(pro);
    expect(log).toHaveLength(20);
    expect(new Set(log.map((r) => r.profile_id)).size).toBe(20);

    // Many racing at once, with no one holding back: still one log row per change.
    await db
      .updateTable('cdp_profiles')
      .set({ traits: JSON.stringify({ plan: 'free' }) })
      .where('tenant_id', '=', tenantId)
      .execute();
    await Promise.all(
      Array.from({ length: 4 }, () => reevaluateProfiles(db, tenantId, ids, { now: NOW })),
    );
    const exits = (await logOf(pro)).filter((r) => r.change === 'exited');
    expect(exits).toHaveLength(20);
    expect(await membersOf(pro)).toEqual([]);
  });
});
