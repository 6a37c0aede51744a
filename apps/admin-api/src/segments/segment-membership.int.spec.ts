import request from 'supertest';
import { recomputeSegment, reevaluateProfiles } from '@stratum/segments';
import { ingestEvents } from '@stratum/segments/testing';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { SEGMENTS, createSegmentThroughApi } from '../testing/segment-requests';

const PRO = { trait: 'plan', op: 'eq', value: 'pro' };
const JANE = { type: 'email' as const, value: 'jane@example.com' };
const BOB = { type: 'email' as const, value: 'bob@example.com' };

let t: AdminTestApp;
let tenantId: string;

beforeAll(async () => {
  t = await createAdminTestApp();
  tenantId = t.tenant.tenant.tenantId;
}, 60_000);

afterAll(() => t.close());

const identify = (identifier: typeof JANE, plan: string) =>
  ingestEvents(t.testDb.db, tenantId, [
    { identifiers: [identifier], occurredAt: new Date(), traits: { plan } },
  ]);

async function memberCount(segmentId: string): Promise<number> {
  const res = await request(t.app)
    .get(`${SEGMENTS}/${segmentId}`)
    .set('Authorization', t.secretAuth)
    .expect(200);
  return res.body.member_count as number;
}

async function preview(): Promise<{ count: number; sample: string[] }> {
  const res = await request(t.app)
    .post(`${SEGMENTS}/preview`)
    .set('Authorization', t.secretAuth)
    .send({ definition: PRO })
    .expect(200);
  return res.body as { count: number; sample: string[] };
}

describe('a segment on a trait, from ingestion to its members', () => {
  it('counts the profiles ingestion gives the trait, once membership is recomputed', async () => {
    const { segment_id: segmentId } = (
      await createSegmentThroughApi(t, { name: 'Pro', definition: PRO })
    ).body as { segment_id: string };
    expect(await memberCount(segmentId)).toBe(0);

    const [jane] = await identify(JANE, 'pro');
    await identify(BOB, 'free');
    // Preview evaluates now; the stored members follow when the worker (here: the library
    // call it makes) recomputes.
    expect(await preview()).toEqual({ count: 1, sample: [jane] });
    expect(await memberCount(segmentId)).toBe(0);
    await recomputeSegment(t.testDb.db, tenantId, segmentId, { now: new Date() });
    expect(await memberCount(segmentId)).toBe(1);

    // Jane downgrades: re-evaluating the profile she touched takes her out.
    await identify(JANE, 'free');
    await reevaluateProfiles(t.testDb.db, tenantId, [jane!], { now: new Date() });
    expect(await memberCount(segmentId)).toBe(0);
    expect(await preview()).toEqual({ count: 0, sample: [] });
  });

  it('computes the members of a new segment on creation', async () => {
    const [carol] = await identify({ type: 'email', value: 'carol@example.com' }, 'pro');
    const created = await createSegmentThroughApi(t, { name: 'Pro again', definition: PRO });
    expect(await memberCount(created.body.segment_id)).toBe(1);
    expect(await preview()).toEqual({ count: 1, sample: [carol] });
  });
});
