import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { countSegmentMembers } from './count-segment-members';
import { createSegment, deleteSegment } from './segment.repository';
import { NOW, buildWorld, daysAgo } from './testing/segment-world';

let test: TestDatabase;
afterAll(() => test.destroy());

describe('countSegmentMembers', () => {
  it("counts a segment's stored members, in its tenant only", async () => {
    test = await createTestDatabase();
    const tenantId = (await createTestTenant(test.db)).tenant.tenantId;
    const otherTenant = (await createTestTenant(test.db)).tenant.tenantId;
    const seen = { firstSeen: daysAgo(3), lastSeen: daysAgo(1) };
    await buildWorld(test.db, tenantId, {
      a: { ...seen, traits: { plan: 'pro' } },
      b: { ...seen, traits: { plan: 'pro' } },
      c: { ...seen, traits: { plan: 'free' } },
    });
    const created = await createSegment(
      test.db,
      tenantId,
      { name: 'Pro', definition: { trait: 'plan', op: 'eq', value: 'pro' } },
      { now: NOW },
    );
    if (!created.ok) throw new Error(created.error);
    const segmentId = created.value.segmentId;
    expect(await countSegmentMembers(test.db, tenantId, segmentId)).toBe(2);
    expect(await countSegmentMembers(test.db, otherTenant, segmentId)).toBe(0);
    await deleteSegment(test.db, tenantId, segmentId, { now: NOW });
    expect(await countSegmentMembers(test.db, tenantId, segmentId)).toBe(0);
  });
});
