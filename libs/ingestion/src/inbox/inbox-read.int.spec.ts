import { CompiledQuery, sql } from 'kysely';
import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { inboxReadQuery } from './inbox.statements';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const { tenantId } = (await createTestTenant(testDb.db)).tenant;
  // A backlog of 100,000 events spread over every lane, as the statistics see it.
  await sql`INSERT INTO cdp_inbox
      (tenant_id, lane, source_id, received_at, route, event_index, resolution, event_row)
    SELECT ${tenantId}::uuid, i % 256, NULL, now(), 'events', 0, 'r' || i, repeat('x', 400)
    FROM generate_series(1, 100000) AS i`.execute(testDb.db);
  await sql`ANALYZE cdp_inbox`.execute(testDb.db);
});
afterAll(() => testDb.destroy());

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of the plan PostgreSQL chooses for a resolver's read. */
async function planNodes(resolver: number, resolvers: number): Promise<PlanNode[]> {
  const query = inboxReadQuery(testDb.db, { resolver, resolvers }, 5000).compile();
  const result = await testDb.db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
  );
  const nodes: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(visit);
  };
  visit(result.rows[0]!['QUERY PLAN'][0].Plan);
  return nodes;
}

describe("a resolver's read of the inbox", () => {
  it.each([
    [0, 1],
    [1, 2],
    [3, 4],
  ])(
    'walks the primary key from the oldest row, sorting nothing (resolver %i of %i)',
    async (resolver, resolvers) => {
      const nodes = await planNodes(resolver, resolvers);
      expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
      expect(nodes).toContainEqual(
        expect.objectContaining({ 'Node Type': 'Index Scan', 'Index Name': 'cdp_inbox_pkey' }),
      );
    },
  );
});
