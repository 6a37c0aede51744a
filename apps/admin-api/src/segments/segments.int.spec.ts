import request from 'supertest';
import { ingestEvents } from '@stratum/segments/testing';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import {
  SEGMENTS,
  UNKNOWN_SEGMENT_ID,
  createSegmentThroughApi,
  segmentTableCounts,
} from '../testing/segment-requests';

const PRO = { trait: 'plan', op: 'eq', value: 'pro' };
const FREE = { trait: 'plan', op: 'eq', value: 'free' };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: AdminTestApp;
let proIds: string[];

beforeAll(async () => {
  t = await createAdminTestApp();
  // 22 pro customers (more than a preview's sample) and 3 on the free plan.
  const customers = Array.from({ length: 25 }, (_, i) => ({
    identifiers: [{ type: 'email' as const, value: `customer-${i}@example.com` }],
    occurredAt: new Date(),
    name: 'Signed Up',
    traits: { plan: i < 22 ? 'pro' : 'free' },
  }));
  const ids = await ingestEvents(t.testDb.db, t.tenant.tenant.tenantId, customers);
  proIds = ids.slice(0, 22).sort();
}, 60_000);

afterAll(() => t.close());

const get = (path: string) => request(t.app).get(path).set('Authorization', t.secretAuth);

describe('segment management', () => {
  it('creates a segment at version 1 with its members computed', async () => {
    const res = await createSegmentThroughApi(t, { name: '  Pro customers ', definition: PRO });
    expect(res.body).toEqual({
      segment_id: expect.stringMatching(UUID),
      name: 'Pro customers',
      version: 1,
      definition: { schema: 1, ...PRO },
      created_at: expect.stringMatching(ISO),
      updated_at: res.body.created_at,
    });
    const got = await get(`${SEGMENTS}/${res.body.segment_id}`).expect(200);
    expect(got.body).toEqual({ ...res.body, member_count: 22 });
  });

  it('lists the live segments oldest first, without member counts', async () => {
    const first = await createSegmentThroughApi(t, { name: 'Listed A', definition: PRO });
    const second = await createSegmentThroughApi(t, { name: 'Listed B', definition: FREE });
    const res = await get(SEGMENTS).expect(200);
    const listed = res.body.segments as { segment_id: string }[];
    const ids = listed.map((s) => s.segment_id);
    expect(ids.indexOf(first.body.segment_id)).toBeLessThan(ids.indexOf(second.body.segment_id));
    expect(listed).toContainEqual(second.body);
  });

  it('updates to a new version, keeping the name unless given, and recomputes members', async () => {
    const created = await createSegmentThroughApi(t, { name: 'Plan', definition: PRO });
    const path = `${SEGMENTS}/${created.body.segment_id}`;
    const updated = await request(t.app)
      .put(path)
      .set('Authorization', t.secretAuth)
      .send({ definition: FREE })
      .expect(200);
    expect(updated.body).toMatchObject({
      segment_id: created.body.segment_id,
      name: 'Plan',
      version: 2,
      definition: { schema: 1, ...FREE },
      created_at: created.body.created_at,
    });
    expect((await get(path)).body).toMatchObject({ version: 2, member_count: 3 });
    const renamed = await request(t.app)
      .put(path)
      .set('Authorization', t.secretAuth)
      .send({ name: 'Free plan', definition: FREE })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Free plan', version: 3 });
  });

  it('deletes with 204: then it is gone from every route', async () => {
    const created = await createSegmentThroughApi(t, { name: 'Doomed', definition: PRO });
    const path = `${SEGMENTS}/${created.body.segment_id}`;
    const deleted = await request(t.app).delete(path).set('Authorization', t.secretAuth);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    await get(path).expect(404);
    await request(t.app).delete(path).set('Authorization', t.secretAuth).expect(404);
    await request(t.app)
      .put(path)
      .set('Authorization', t.secretAuth)
      .send({ definition: PRO })
      .expect(404);
    const listed = (await get(SEGMENTS)).body.segments as { segment_id: string }[];
    expect(listed.map((s) => s.segment_id)).not.toContain(created.body.segment_id);
  });

  it('answers an unknown id 404 as problem+json', async () => {
    const res = await get(`${SEGMENTS}/${UNKNOWN_SEGMENT_ID}`).expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, detail: 'No segment with this id' });
  });

  it('refuses an id that is not a UUID with 400 naming it', async () => {
    const res = await get(`${SEGMENTS}/not-a-uuid`).expect(400);
    expect(res.body.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });

  it('keeps names as labels: two segments may share one', async () => {
    const a = await createSegmentThroughApi(t, { name: 'Twin', definition: PRO });
    const b = await createSegmentThroughApi(t, { name: 'Twin', definition: PRO });
    expect(a.body.segment_id).not.toBe(b.body.segment_id);
  });
});

describe('preview', () => {
  it('counts the matches and samples 20 of them in id order, writing nothing', async () => {
    const before = await segmentTableCounts(t.testDb.db);
    const res = await request(t.app)
      .post(`${SEGMENTS}/preview`)
      .set('Authorization', t.secretAuth)
      .send({ definition: PRO })
      .expect(200);
    expect(res.body).toEqual({ count: 22, sample: proIds.slice(0, 20) });
    expect(await segmentTableCounts(t.testDb.db)).toEqual(before);
  });

  it('is not taken for a segment id or for creation', async () => {
    // A create body is refused here: preview takes a definition only.
    const res = await request(t.app)
      .post(`${SEGMENTS}/preview`)
      .set('Authorization', t.secretAuth)
      .send({ name: 'Not stored', definition: PRO })
      .expect(400);
    expect(res.body.errors).toEqual([{ path: '', message: 'must have no fields but definition' }]);
    const listed = (await get(SEGMENTS)).body.segments as { name: string }[];
    expect(listed.map((s) => s.name)).not.toContain('Not stored');
    // Only GET, PUT and DELETE take an id, and `preview` is not one.
    const asId = await get(`${SEGMENTS}/preview`).expect(400);
    expect(asId.body.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });
});
