import request from 'supertest';
import type { ApiScope } from '@stratum/schemas';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import {
  SEGMENTS,
  createSegmentThroughApi,
  secretKeyWith,
  segmentTableCounts,
} from '../testing/segment-requests';

const PRO = { trait: 'plan', op: 'eq', value: 'pro' };

let t: AdminTestApp;
const auth: Record<string, string> = {};

beforeAll(async () => {
  t = await createAdminTestApp();
  const tenantId = t.tenant.tenant.tenantId;
  const keys: Record<string, ApiScope[]> = {
    profiles: ['profiles:read'],
    read: ['segments:read'],
    write: ['segments:write'],
    admin: ['admin'],
  };
  for (const [name, scopes] of Object.entries(keys)) {
    auth[name] = await secretKeyWith(t.testDb.db, tenantId, scopes);
  }
}, 60_000);

afterAll(() => t.close());

type Route = 'create' | 'list' | 'get' | 'update' | 'delete' | 'preview';

/** Sends one route's request with a key, on a segment made for it (so 2xx means allowed). */
async function call(route: Route, key: string): Promise<number> {
  const { segment_id: id } = (await createSegmentThroughApi(t, { name: 'S', definition: PRO }))
    .body as { segment_id: string };
  const send = (req: request.Test) => req.set('Authorization', key);
  switch (route) {
    case 'create':
      return (await send(request(t.app).post(SEGMENTS)).send({ name: 'S', definition: PRO }))
        .status;
    case 'list':
      return (await send(request(t.app).get(SEGMENTS))).status;
    case 'get':
      return (await send(request(t.app).get(`${SEGMENTS}/${id}`))).status;
    case 'update':
      return (await send(request(t.app).put(`${SEGMENTS}/${id}`)).send({ definition: PRO })).status;
    case 'delete':
      return (await send(request(t.app).delete(`${SEGMENTS}/${id}`))).status;
    case 'preview':
      return (await send(request(t.app).post(`${SEGMENTS}/preview`)).send({ definition: PRO }))
        .status;
  }
}

const ALLOWED = { create: 201, list: 200, get: 200, update: 200, delete: 204, preview: 200 };
const ROUTES = Object.keys(ALLOWED) as Route[];
const READS: Route[] = ['list', 'get', 'preview'];

describe('segment scopes', () => {
  it.each(ROUTES)('a key with only profiles:read gets 403 on %s', async (route) => {
    expect(await call(route, auth['profiles']!)).toBe(403);
  });

  it.each(ROUTES)('segments:read may %s only if it reads', async (route) => {
    expect(await call(route, auth['read']!)).toBe(READS.includes(route) ? ALLOWED[route] : 403);
  });

  it.each(ROUTES)('segments:write may %s only if it writes', async (route) => {
    const expected = READS.includes(route) ? 403 : ALLOWED[route];
    expect(await call(route, auth['write']!)).toBe(expected);
  });

  it.each(ROUTES)('admin may %s', async (route) => {
    expect(await call(route, auth['admin']!)).toBe(ALLOWED[route]);
  });

  it('writes nothing when the scope is missing', async () => {
    const { segment_id: id } = (await createSegmentThroughApi(t, { name: 'Kept', definition: PRO }))
      .body as { segment_id: string };
    const before = await segmentTableCounts(t.testDb.db);
    const key = auth['read']!;
    await request(t.app)
      .post(SEGMENTS)
      .set('Authorization', key)
      .send({ name: 'X', definition: PRO })
      .expect(403);
    await request(t.app)
      .put(`${SEGMENTS}/${id}`)
      .set('Authorization', key)
      .send({ definition: PRO })
      .expect(403);
    await request(t.app).delete(`${SEGMENTS}/${id}`).set('Authorization', key).expect(403);
    expect(await segmentTableCounts(t.testDb.db)).toEqual(before);
  });

  it('refuses the write key and a missing key', async () => {
    await request(t.app).get(SEGMENTS).set('Authorization', t.writeAuth).expect(403);
    await request(t.app).get(SEGMENTS).expect(401);
  });
});
