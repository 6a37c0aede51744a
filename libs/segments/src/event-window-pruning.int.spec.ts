import { listEventPartitions, maintainPartitions } from '@stratum/db';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { SegmentDefinitionSchema } from '@stratum/schemas';
import { selectMemberIds } from './select-member-ids';
import { NOW } from './testing/segment-world';

function scannedRelations(plan: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record['Relation Name'] === 'string') found.add(record['Relation Name']);
    for (const value of Object.values(record)) {
      if (Array.isArray(value)) value.forEach(walk);
      else walk(value);
    }
  };
  walk(plan);
  return [...found].sort();
}

describe('an event condition with within_days', () => {
  let test: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    await maintainPartitions(test.db, { now: NOW, monthsBehind: 12, monthsAhead: 1 });
    tenantId = (await createTestTenant(test.db)).tenant.tenantId;
    // Fourteen partitions to create: seconds on a loaded machine, beyond the default 5 s.
  }, 60_000);

  afterAll(() => test.destroy());

  async function eventPartitionsRead(definition: unknown): Promise<string[]> {
    const parsed = SegmentDefinitionSchema.parse(definition);
    const plan = await selectMemberIds(test.db, tenantId, parsed, { now: NOW }).explain('json');
    return scannedRelations(plan).filter((name) => name.startsWith('cdp_events'));
  }

  it('reads only the partitions of its window', async () => {
    const since = new Date('2026-05-16T12:00:00.000Z');
    const partitions = await listEventPartitions(test.db);
    const inWindow = partitions.filter((p) => p.to === null || p.to > since).map((p) => p.name);
    const before = partitions.filter((p) => p.to !== null && p.to <= since).map((p) => p.name);
    expect(before.length).toBeGreaterThanOrEqual(10);
    const read = await eventPartitionsRead({ event: 'Order Completed', within_days: 30 });
    expect(read).toEqual(expect.arrayContaining(inWindow));
    for (const name of before) expect(read).not.toContain(name);
  });

  it('reads every partition without one', async () => {
    const partitions = await listEventPartitions(test.db);
    const read = await eventPartitionsRead({ event: 'Order Completed' });
    expect(read).toEqual(expect.arrayContaining(partitions.map((p) => p.name)));
  });
});
