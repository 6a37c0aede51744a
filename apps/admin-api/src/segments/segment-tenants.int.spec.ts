import request from 'supertest';
import { createTestTenant } from '@stratum/db/testing';
import { ingestEvents } from '@stratum/segments/testing';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import {
  SEGMENTS,
  UNKNOWN_SEGMENT_ID,
  createSegmentThroughApi,
  secretKeyWith,
} from '../testing/segment-requests';

const PRO = { trait: 'plan', op: 'eq', value: 'pro' };

let t: AdminTestApp;
let otherAuth: string;
let mine: { segment_id: string; version: number };

beforeAll(async () => {
  t = await createAdminTestApp();
  await ingestEvents(t.testDb.db, t.tenant.tenant.tenantId, [
    {
      identifiers: [{ type: 'email', value: 'jane@example.com' }],
      occurredAt: new Date(),
      traits: { plan: 'pro' },
    },
  ]);
  const other = await createTestTenant(t.testDb.db);
  // `admin` passes every scope check: only the tenant can keep it out.
  otherAuth = await secretKeyWith(t.testDb.db, other.tenant.tenantId, ['admin']);
  mine = (await createSegmentThroughApi(t, { name: 'Mine', definition: PRO })).body;
}, 60_000);

afterAll(() => t.close());

// Everything but the request id, which differs on every answer.
function problem(res: request.Response) {
  const body = { ...(res.body as Record<string, unknown>) };
  delete body['request_id'];
  return { status: res.status, type: res.headers['content-type'], body };
}

describe("another tenant's segment", () => {
  it.each([
    ['GET', (path: string) => request(t.app).get(path)],
    ['PUT', (path: string) => request(t.app).put(path).send({ definition: PRO })],
    ['DELETE', (path: string) => request(t.app).delete(path)],
  ])('is a 404 on %s, exactly like an unknown id', async (_method, send) => {
    const theirs = await send(`${SEGMENTS}/${mine.segment_id}`).set('Authorization', otherAuth);
    const unknown = await send(`${SEGMENTS}/${UNKNOWN_SEGMENT_ID}`).set('Authorization', otherAuth);
    expect(theirs.status).toBe(404);
    expect(problem(theirs)).toEqual(problem(unknown));
  });

  it('is neither listed nor counted, and stays as it was', async () => {
    const listed = await request(t.app).get(SEGMENTS).set('Authorization', otherAuth).expect(200);
    expect(listed.body).toEqual({ segments: [] });
    const preview = await request(t.app)
      .post(`${SEGMENTS}/preview`)
      .set('Authorization', otherAuth)
      .send({ definition: PRO })
      .expect(200);
    expect(preview.body).toEqual({ count: 0, sample: [] });
    const still = await request(t.app)
      .get(`${SEGMENTS}/${mine.segment_id}`)
      .set('Authorization', t.secretAuth)
      .expect(200);
    expect(still.body).toMatchObject({ name: 'Mine', version: 1, member_count: 1 });
  });
});
