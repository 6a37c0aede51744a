import { sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { device, email, ingest, mergeIdOf, ownerOf, phone } from '../testing/split-world';
import { splitMerge } from './split-merge';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

async function tenant() {
  return (await createTestTenant(testDb.db)).tenant.tenantId;
}

async function profile(tenantId: string, profileId: string) {
  return testDb.db
    .selectFrom('cdp_profiles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId)
    .executeTakeFirstOrThrow();
}

async function eventsOf(tenantId: string, profileId: string) {
  const rows = await testDb.db
    .selectFrom('cdp_events')
    .select('event_id')
    .where('tenant_id', '=', tenantId)
    .where('profile_id', '=', profileId)
    .orderBy('event_id')
    .execute();
  return rows.map((r) => r.event_id);
}

/** Ann (email) and Bob (phone) exist apart, then one event carrying both merges them. */
async function wronglyMerged() {
  const tenantId = await tenant();
  const ann = email('ann@example.com');
  const bob = phone('+14155550101');
  const a = (await ingest(testDb.db, tenantId, [{ identifiers: [ann], traits: { name: 'Ann' } }]))
    .assignments[0]!.profileId;
  const b = (await ingest(testDb.db, tenantId, [{ identifiers: [bob], traits: { plan: 'pro' } }]))
    .assignments[0]!.profileId;
  const merged = await ingest(testDb.db, tenantId, [{ identifiers: [ann, bob] }]);
  expect(merged.assignments[0]).toMatchObject({ profileId: a, outcome: 'merged' });
  return { tenantId, ann, bob, a, b, mergeId: await mergeIdOf(testDb.db, tenantId, b) };
}

describe('splitMerge', () => {
  it('restores the merged profile with its identifiers and the events carrying only them', async () => {
    const w = await wronglyMerged();
    const onlyBob = await ingest(testDb.db, w.tenantId, [
      { identifiers: [w.bob], traits: { plan: 'enterprise' } },
    ]);
    const onlyAnn = await ingest(testDb.db, w.tenantId, [{ identifiers: [w.ann] }]);
    expect((await profile(w.tenantId, w.a)).event_count).toBe(5);

    const result = await splitMerge(testDb.db, {
      tenantId: w.tenantId,
      profileId: w.a,
      mergeId: w.mergeId,
    });

    expect(result).toEqual({
      outcome: 'split',
      profileId: w.a,
      restoredProfileId: w.b,
      identifiersMoved: 1,
      eventsMoved: 1,
    });
    expect(await ownerOf(testDb.db, w.tenantId, w.bob)).toBe(w.b);
    expect(await ownerOf(testDb.db, w.tenantId, w.ann)).toBe(w.a);
    const restored = await profile(w.tenantId, w.b);
    expect(restored).toMatchObject({ merged_into: null, merged_at: null, event_count: 2 });
    expect(restored.traits).toEqual({ plan: 'enterprise' });
    expect((await profile(w.tenantId, w.a)).event_count).toBe(3);
    const bobEvents = await eventsOf(w.tenantId, w.b);
    expect(bobEvents).toHaveLength(2);
    expect(onlyBob.assignments[0]!.profileId).toBe(w.a);
    expect(await eventsOf(w.tenantId, w.a)).toHaveLength(3);
    expect(onlyAnn.assignments[0]!.profileId).toBe(w.a);
    const dedupe = await testDb.db
      .selectFrom('cdp_event_dedupe')
      .select('profile_id')
      .where('tenant_id', '=', w.tenantId)
      .where('event_id', 'in', bobEvents)
      .execute();
    expect(dedupe.map((d) => d.profile_id)).toEqual([w.b, w.b]);
  });

  it('records the split, drops the merge, and tells the change feed', async () => {
    const w = await wronglyMerged();
    await splitMerge(testDb.db, { tenantId: w.tenantId, profileId: w.a, mergeId: w.mergeId });
    const merges = await testDb.db
      .selectFrom('cdp_profile_merges')
      .select('merge_id')
      .where('tenant_id', '=', w.tenantId)
      .execute();
    expect(merges).toEqual([]);
    const recorded = await testDb.db
      .selectFrom('cdp_profile_merge_identifiers')
      .select('merged_profile_id')
      .where('tenant_id', '=', w.tenantId)
      .execute();
    expect(recorded).toEqual([]);
    const split = await testDb.db
      .selectFrom('cdp_profile_splits')
      .selectAll()
      .where('tenant_id', '=', w.tenantId)
      .executeTakeFirstOrThrow();
    expect(split).toMatchObject({
      merge_id: w.mergeId,
      profile_id: w.a,
      restored_profile_id: w.b,
      identifiers_moved: 1,
      events_moved: 0,
    });
    const change = await testDb.db
      .selectFrom('cdp_changes')
      .select(['profile_id', 'data'])
      .where('tenant_id', '=', w.tenantId)
      .where('kind', '=', 'profile.split')
      .executeTakeFirstOrThrow();
    expect(change).toEqual({
      profile_id: w.a,
      data: { restored_profile_id: w.b, merge_id: w.mergeId },
    });
  });

  it('keeps the pair apart: a later event carrying both is protected, not merged', async () => {
    const w = await wronglyMerged();
    await splitMerge(testDb.db, { tenantId: w.tenantId, profileId: w.a, mergeId: w.mergeId });
    const again = await ingest(testDb.db, w.tenantId, [{ identifiers: [w.ann, w.bob] }]);
    expect(again.assignments[0]).toEqual({
      profileId: w.a,
      outcome: 'protected',
      warnings: [
        {
          path: 'identifiers.0',
          message: 'belongs to another profile; merge refused: a split keeps them apart',
        },
      ],
    });
    expect(again.merges).toEqual([]);
    expect(await ownerOf(testDb.db, w.tenantId, w.bob)).toBe(w.b);
  });

  it('keeps the pair apart after the survivor is itself merged into an older profile', async () => {
    const tenantId = await tenant();
    const old = device('old-device');
    const ann = email('ann@example.com');
    const bob = phone('+14155550101');
    const o = (await ingest(testDb.db, tenantId, [{ identifiers: [old] }])).assignments[0]!
      .profileId;
    const a = (await ingest(testDb.db, tenantId, [{ identifiers: [ann] }])).assignments[0]!
      .profileId;
    const b = (await ingest(testDb.db, tenantId, [{ identifiers: [bob] }])).assignments[0]!
      .profileId;
    await ingest(testDb.db, tenantId, [{ identifiers: [ann, bob] }]);
    const mergeId = await mergeIdOf(testDb.db, tenantId, b);
    await splitMerge(testDb.db, { tenantId, profileId: a, mergeId });
    // Ann's profile joins the older one: the pair kept apart is now (o, b).
    await ingest(testDb.db, tenantId, [{ identifiers: [old, ann] }]);
    expect((await profile(tenantId, a)).merged_into).toBe(o);

    const again = await ingest(testDb.db, tenantId, [{ identifiers: [old, bob] }]);
    expect(again.assignments[0]!.outcome).toBe('protected');
    expect(await ownerOf(testDb.db, tenantId, bob)).toBe(b);
  });

  it('gives back the profiles merged into the restored one before', async () => {
    const tenantId = await tenant();
    const ann = email('ann@example.com');
    const bob = phone('+14155550101');
    const bobsPhone = device('bobs-phone');
    const a = (await ingest(testDb.db, tenantId, [{ identifiers: [ann] }])).assignments[0]!
      .profileId;
    const b = (await ingest(testDb.db, tenantId, [{ identifiers: [bob] }])).assignments[0]!
      .profileId;
    const c = (await ingest(testDb.db, tenantId, [{ identifiers: [bobsPhone] }])).assignments[0]!
      .profileId;
    await ingest(testDb.db, tenantId, [{ identifiers: [bob, bobsPhone] }]);
    expect((await profile(tenantId, c)).merged_into).toBe(b);
    await ingest(testDb.db, tenantId, [{ identifiers: [ann, bob] }]);
    expect((await profile(tenantId, c)).merged_into).toBe(a);

    const result = await splitMerge(testDb.db, {
      tenantId,
      profileId: a,
      mergeId: await mergeIdOf(testDb.db, tenantId, b),
    });

    expect(result).toMatchObject({ outcome: 'split', identifiersMoved: 2 });
    expect((await profile(tenantId, c)).merged_into).toBe(b);
    expect(await ownerOf(testDb.db, tenantId, bobsPhone)).toBe(b);
    expect(await ownerOf(testDb.db, tenantId, bob)).toBe(b);
  });

  it('answers not_found for another profile, another tenant, a split merge and an unknown id', async () => {
    const w = await wronglyMerged();
    const other = await tenant();
    const attempts = [
      { tenantId: w.tenantId, profileId: w.b, mergeId: w.mergeId },
      { tenantId: other, profileId: w.a, mergeId: w.mergeId },
      { tenantId: w.tenantId, profileId: w.a, mergeId: '00000000-0000-4000-8000-000000000000' },
    ];
    for (const attempt of attempts) {
      expect(await splitMerge(testDb.db, attempt)).toEqual({ outcome: 'not_found' });
    }
    await splitMerge(testDb.db, { tenantId: w.tenantId, profileId: w.a, mergeId: w.mergeId });
    expect(
      await splitMerge(testDb.db, { tenantId: w.tenantId, profileId: w.a, mergeId: w.mergeId }),
    ).toEqual({ outcome: 'not_found' });
  });

  it('answers no_identifiers for a merge recorded without its identifiers', async () => {
    const w = await wronglyMerged();
    await testDb.db
      .deleteFrom('cdp_profile_merge_identifiers')
      .where('tenant_id', '=', w.tenantId)
      .execute();
    expect(
      await splitMerge(testDb.db, { tenantId: w.tenantId, profileId: w.a, mergeId: w.mergeId }),
    ).toEqual({ outcome: 'no_identifiers' });
    expect((await profile(w.tenantId, w.b)).merged_into).toBe(w.a);
  });

  it('leaves the events append-only for everything but the split function', async () => {
    const w = await wronglyMerged();
    await expect(
      sql`UPDATE cdp_events SET profile_id = ${w.b} WHERE tenant_id = ${w.tenantId}`.execute(
        testDb.db,
      ),
    ).rejects.toThrow(/append-only/);
  });
});
