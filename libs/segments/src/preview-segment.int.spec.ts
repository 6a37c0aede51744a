import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import { previewSegment } from './preview-segment';
import { NOW, buildWorld, daysAgo } from './testing/segment-world';
import type { WorldProfile } from './testing/segment-world';

function customer(plan: string, index: number): WorldProfile {
  return {
    traits: { plan, index },
    identifiers: index % 2 === 0 ? ['email'] : ['anonymous_id'],
    firstSeen: daysAgo(index + 1),
    lastSeen: daysAgo(index % 5),
    events: [{ name: 'Order Completed', at: daysAgo(index % 40), properties: { revenue: index } }],
  };
}

describe('previewSegment', () => {
  let test: TestDatabase;
  let tenantId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    test = await createTestDatabase();
    tenantId = (await createTestTenant(test.db)).tenant.tenantId;
    const otherTenant = (await createTestTenant(test.db)).tenant.tenantId;
    const world = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`c${i}`, customer(i < 30 ? 'pro' : 'free', i)]),
    );
    ids = await buildWorld(test.db, tenantId, world);
    await buildWorld(test.db, otherTenant, world);
  });

  afterAll(() => test.destroy());

  const preview = (input: unknown, sampleSize?: number) =>
    previewSegment(test.db, tenantId, SegmentDefinitionSchema.parse(input), {
      now: NOW,
      sampleSize,
    });

  it('counts the members and samples 20 of them by default, in id order', async () => {
    const pro = Object.entries(ids)
      .filter(([name]) => Number(name.slice(1)) < 30)
      .map(([, id]) => id)
      .sort();
    const result = await preview({ trait: 'plan', op: 'eq', value: 'pro' });
    expect(result.count).toBe(30);
    expect(result.sample).toEqual(pro.slice(0, 20));
  });

  it('takes a sample size, and returns fewer when fewer match', async () => {
    const definition = {
      all: [{ identifier: 'email' }, { event: 'Order Completed', within_days: 10 }],
    };
    // Even indexes whose event is 0 to 10 days old: 0, 2, …, 10, 40, 42, …, 48.
    const all = await preview(definition, 100);
    expect(all.count).toBe(11);
    expect(all.sample).toHaveLength(11);
    const three = await preview(definition, 3);
    expect(three).toEqual({ count: 11, sample: all.sample.slice(0, 3) });
  });

  it('counts without a sample when asked for none', async () => {
    expect(await preview({ trait: 'plan', op: 'eq', value: 'free' }, 0)).toEqual({
      count: 20,
      sample: [],
    });
  });

  it('answers zero for a definition nobody matches', async () => {
    expect(await preview({ trait: 'plan', op: 'eq', value: 'enterprise' })).toEqual({
      count: 0,
      sample: [],
    });
  });

  it('measures from the current time when no now is given', async () => {
    const definition = SegmentDefinitionSchema.parse({ last_seen: { within_days: 1 } });
    const result = await previewSegment(test.db, tenantId, definition);
    expect(result.count).toBe(0);
  });
});
