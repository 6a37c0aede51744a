import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import type { Db } from '@stratum/db';
import {
  createSegment,
  deleteSegment,
  findSegment,
  listSegments,
  updateSegment,
} from './segment.repository';
import { NOW, buildWorld, daysAgo } from './testing/segment-world';

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

async function members(tenantId: string, segmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cdp_segment_members')
    .select('profile_id')
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .orderBy('profile_id')
    .execute();
  return rows.map((r) => r.profile_id);
}

async function log(tenantId: string, segmentId: string) {
  return db
    .selectFrom('cdp_segment_membership_log')
    .select(['profile_id', 'change', 'version'])
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .orderBy('log_id')
    .execute();
}

const seen = { firstSeen: daysAgo(30), lastSeen: daysAgo(1) };
const PRO = { trait: 'plan', op: 'eq', value: 'pro' };
const FREE = { trait: 'plan', op: 'eq', value: 'free' };

describe('the segment repository', () => {
  it('creates a segment at version 1 with its members and their entries logged', async () => {
    const tenantId = await newTenant();
    const ids = await buildWorld(db, tenantId, {
      pro: { ...seen, traits: { plan: 'pro' } },
      free: { ...seen, traits: { plan: 'free' } },
    });
    const created = await createSegment(
      db,
      tenantId,
      { name: 'Pro', definition: PRO },
      { now: NOW },
    );
    if (!created.ok) throw new Error(created.error);
    expect(created.value).toMatchObject({
      name: 'Pro',
      version: 1,
      definition: { ...PRO, schema: 1 },
    });
    const segmentId = created.value.segmentId;
    expect(await members(tenantId, segmentId)).toEqual([ids.pro]);
    expect(await log(tenantId, segmentId)).toEqual([
      { profile_id: ids.pro, change: 'entered', version: 1 },
    ]);
    expect(await findSegment(db, tenantId, segmentId)).toEqual(created.value);
  });

  it('refuses a bad definition or name, naming the path, and stores nothing', async () => {
    const tenantId = await newTenant();
    const bad = await createSegment(db, tenantId, {
      name: '',
      definition: { all: [{ trait: 'plan', op: 'like', value: 'x' }] },
    });
    expect(bad).toMatchObject({ ok: false, error: 'SEGMENT_INVALID' });
    const paths = bad.ok || bad.error !== 'SEGMENT_INVALID' ? [] : bad.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([['name'], ['definition', 'all', 0, 'op']]));
    expect(await listSegments(db, tenantId)).toEqual([]);
  });

  it('updates to a new version: members recomputed, the log carries the version', async () => {
    const tenantId = await newTenant();
    const ids = await buildWorld(db, tenantId, {
      pro: { ...seen, traits: { plan: 'pro' } },
      free: { ...seen, traits: { plan: 'free' } },
    });
    const created = await createSegment(
      db,
      tenantId,
      { name: 'Plan', definition: PRO },
      { now: NOW },
    );
    if (!created.ok) throw new Error(created.error);
    const segmentId = created.value.segmentId;
    const updated = await updateSegment(
      db,
      tenantId,
      segmentId,
      { definition: FREE },
      { now: NOW },
    );
    expect(updated).toMatchObject({ ok: true, value: { name: 'Plan', version: 2 } });
    expect(await members(tenantId, segmentId)).toEqual([ids.free]);
    expect(await log(tenantId, segmentId)).toEqual([
      { profile_id: ids.pro, change: 'entered', version: 1 },
      { profile_id: ids.pro, change: 'exited', version: 2 },
      { profile_id: ids.free, change: 'entered', version: 2 },
    ]);
    const versions = await db
      .selectFrom('cdp_segment_versions')
      .select(['version', 'definition'])
      .where('segment_id', '=', segmentId)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, definition: { ...PRO, schema: 1 } },
      { version: 2, definition: { ...FREE, schema: 1 } },
    ]);
    const renamed = await updateSegment(db, tenantId, segmentId, {
      name: 'Free',
      definition: FREE,
    });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Free', version: 3 } });
  });

  it('deletes softly: every member exits, logged; the segment is gone from reads', async () => {
    const tenantId = await newTenant();
    const ids = await buildWorld(db, tenantId, { pro: { ...seen, traits: { plan: 'pro' } } });
    const created = await createSegment(
      db,
      tenantId,
      { name: 'Pro', definition: PRO },
      { now: NOW },
    );
    if (!created.ok) throw new Error(created.error);
    const segmentId = created.value.segmentId;
    expect(await deleteSegment(db, tenantId, segmentId, { now: NOW })).toBe(true);
    expect(await members(tenantId, segmentId)).toEqual([]);
    expect((await log(tenantId, segmentId)).at(-1)).toEqual({
      profile_id: ids.pro,
      change: 'exited',
      version: 1,
    });
    expect(await findSegment(db, tenantId, segmentId)).toBeUndefined();
    expect(await listSegments(db, tenantId)).toEqual([]);
    expect(await deleteSegment(db, tenantId, segmentId)).toBe(false);
    expect(await updateSegment(db, tenantId, segmentId, { definition: PRO })).toEqual({
      ok: false,
      error: 'SEGMENT_NOT_FOUND',
    });
  });

  it("keeps tenants apart: another tenant's segment is not found, listed or changed", async () => {
    const [mine, theirs] = [await newTenant(), await newTenant()];
    const created = await createSegment(db, theirs, { name: 'Theirs', definition: PRO });
    if (!created.ok) throw new Error(created.error);
    const mineFirst = await createSegment(db, mine, { name: 'A', definition: PRO });
    const mineSecond = await createSegment(db, mine, { name: 'B', definition: FREE });
    const segmentId = created.value.segmentId;
    expect(await findSegment(db, mine, segmentId)).toBeUndefined();
    expect((await listSegments(db, mine)).map((s) => s.name)).toEqual(['A', 'B']);
    expect(mineFirst.ok && mineSecond.ok).toBe(true);
    expect(await deleteSegment(db, mine, segmentId)).toBe(false);
    expect(await updateSegment(db, mine, segmentId, { definition: FREE })).toMatchObject({
      ok: false,
      error: 'SEGMENT_NOT_FOUND',
    });
    expect(await findSegment(db, theirs, segmentId)).toMatchObject({ version: 1 });
  });
});
