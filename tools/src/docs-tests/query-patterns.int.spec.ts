import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { listEventPartitions, sqlString, sqlText } from '@stratum/db';
import { createTestDatabase } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import {
  expectedActivePerDay,
  expectedConsentCoverage,
  expectedFunnel,
  expectedMostActive,
  expectedOneProfile,
} from './analytics-expectations';
import type { Range } from './analytics-expectations';
import { seedAnalytics } from './analytics-seed';
import type { AnalyticsSeed } from './analytics-seed';
import { planScans } from './explain-plan';
import type { PlanNode } from './explain-plan';
import { extractQueries, queryParameters, substituteParameters } from './sql-blocks';
import type { DocumentedQuery } from './sql-blocks';

const DOC = path.resolve(__dirname, '../../../docs/QUERY_PATTERNS.md');
const queries = extractQueries(readFileSync(DOC, 'utf8'));
const FIRST_EVENT = 'Product Viewed';
const SECOND_EVENT = 'Order Completed';

let testDb: TestDatabase;
let seed: AnalyticsSeed;
let parentIndex: Map<string, string>;

beforeAll(async () => {
  testDb = await createTestDatabase({ statementTimeoutMs: 0 });
  seed = await seedAnalytics(testDb.db);
  const { rows } = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    JOIN pg_class p ON p.oid = i.inhparent
    WHERE c.relkind = 'i'
  `.execute(testDb.db);
  parentIndex = new Map(rows.map((r) => [r.child, r.parent]));
}, 60_000);
afterAll(() => testDb.destroy());

function query(id: string): DocumentedQuery {
  const found = queries.find((q) => q.id === id);
  if (!found) throw new Error(`docs/QUERY_PATTERNS.md has no query ${id}`);
  return found;
}

function bind(q: DocumentedQuery, range: Range): string {
  return substituteParameters(q.sql, {
    tenant_id: seed.tenantId,
    profile_id: seed.profileIds[0]!,
    from: range.from,
    to: range.to,
    first_event: FIRST_EVENT,
    second_event: SECOND_EVENT,
  });
}

async function run<Row>(q: DocumentedQuery, range: Range): Promise<Row[]> {
  const { rows } = await sql.raw<Row>(bind(q, range)).execute(testDb.db);
  return rows;
}

async function explain(text: string): Promise<PlanNode> {
  const { rows } = await sql
    .raw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${text}`)
    .execute(testDb.db);
  return rows[0]!['QUERY PLAN'][0].Plan;
}

// The event partitions a plan reads (the parent's monthly and DEFAULT partitions).
function eventPartitionsRead(plan: PlanNode): string[] {
  const names = planScans(plan)
    .map((s) => s.relation)
    .filter((r) => r.startsWith('cdp_events_'));
  return [...new Set(names)].sort();
}

async function partitionsOverlapping(range: Range): Promise<string[]> {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  return (await listEventPartitions(testDb.db))
    .filter((p) => !p.isDefault && p.from!.getTime() < to && p.to!.getTime() > from)
    .map((p) => p.name)
    .sort();
}

// pg reads a `date` as local midnight.
function localDay(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

describe('docs/QUERY_PATTERNS.md', () => {
  it('documents the recommended patterns, each with its index, using only known parameters', () => {
    expect(queries.map((q) => [q.id, q.index])).toEqual([
      ['one-profile', 'cdp_events_profile_timeline_idx'],
      ['most-active-profiles', 'cdp_events_occurred_at_idx'],
      ['funnel', 'cdp_events_name_idx'],
      ['active-per-day', 'cdp_events_occurred_at_idx'],
      ['consent-coverage', 'cdp_events_occurred_at_idx'],
    ]);
    const known = ['tenant_id', 'profile_id', 'from', 'to', 'first_event', 'second_event'];
    for (const q of queries) expect(known).toEqual(expect.arrayContaining(queryParameters(q.sql)));
  });

  it('seeds the analysed tenant as a tenth of each month, so the plans are multi-tenant ones', async () => {
    const { rows } = await sql<{ share: string }>`
      SELECT round(count(*) FILTER (WHERE tenant_id = ${seed.tenantId}) * 1.0 / count(*), 2) AS share
      FROM cdp_events WHERE occurred_at >= '2026-02-01Z' AND occurred_at < '2026-03-01Z'
    `.execute(testDb.db);
    expect(Number(rows[0]!.share)).toBeGreaterThan(0.05);
    expect(Number(rows[0]!.share)).toBeLessThan(0.2);
  });

  describe.each<[string, Range]>([
    ['one month', { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }],
    ['six weeks across two months', { from: '2026-01-15T00:00:00Z', to: '2026-03-01T00:00:00Z' }],
  ])('over %s', (_label, range) => {
    it.each(queries.map((q) => [q.id, q] as const))(
      '%s reads only the partitions in range, each through the index the doc names',
      async (_id, q) => {
        const plan = await explain(bind(q, range));
        const expected = await partitionsOverlapping(range);
        expect(expected.length).toBeGreaterThan(0);
        expect(eventPartitionsRead(plan)).toEqual(expected);
        const eventScans = planScans(plan).filter((s) => s.relation.startsWith('cdp_events_'));
        for (const scan of eventScans) {
          expect({ ...scan, parent: parentIndex.get(scan.index ?? '') }).toMatchObject({
            parent: q.index,
          });
        }
      },
    );

    it('one-profile counts the events of the person across the merged id', async () => {
      const rows = await run<{ name: string; events: number; first_at: Date; last_at: Date }>(
        query('one-profile'),
        range,
      );
      const expected = expectedOneProfile(seed, seed.profileIds[0]!, range);
      expect(expected.size).toBeGreaterThan(1);
      expect(new Map(rows.map(({ name, ...rest }) => [name, rest]))).toEqual(expected);
      expect(rows.find((r) => r.name === 'Order Completed')?.events).toBe(1);
      const counts = rows.map((r) => r.events);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('most-active-profiles ranks people by their events in the period', async () => {
      const rows = await run<{ profile_id: string; events: number }>(
        query('most-active-profiles'),
        range,
      );
      expect(rows).toEqual(expectedMostActive(seed, range));
      expect(rows[0]).toEqual({ profile_id: seed.profileIds[0], events: 32 });
    });

    it('funnel counts who did the second event after the first', async () => {
      const rows = await run(query('funnel'), range);
      const expected = expectedFunnel(seed, FIRST_EVENT, SECOND_EVENT, range);
      expect(expected.converted).toBeGreaterThan(0);
      expect(expected.converted).toBeLessThan(expected.entered);
      expect(rows).toEqual([expected]);
    });

    it('active-per-day counts distinct people per UTC day', async () => {
      const rows = await run<{ day: Date; active_profiles: number }>(
        query('active-per-day'),
        range,
      );
      expect(rows.map((r) => ({ ...r, day: localDay(r.day) }))).toEqual(
        expectedActivePerDay(seed, range),
      );
    });

    it('consent-coverage counts active people whose latest decision grants each purpose', async () => {
      const rows = await run(query('consent-coverage'), range);
      const expected = expectedConsentCoverage(seed, range);
      expect(rows).toEqual(expected);
      expect(expected.find((r) => r.purpose === 'marketing')!.granted).toBeGreaterThan(0);
    });
  });

  it('would notice a query that cannot be pruned (rule 1)', async () => {
    const plan = await explain(
      sqlText`SELECT count(*) FROM cdp_events WHERE tenant_id = ${sqlString(seed.tenantId)}::uuid
       AND date_trunc('month', occurred_at) = '2026-02-01T00:00:00Z'`,
    );
    const all = (await listEventPartitions(testDb.db)).map((p) => p.name).sort();
    expect(eventPartitionsRead(plan)).toEqual(all);
  });

  it('reads the DEFAULT partition when the range reaches a month without one (rule 4)', async () => {
    const q = bind(query('active-per-day'), {
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-15T00:00:00Z',
    });
    expect(eventPartitionsRead(await explain(q))).toEqual([
      'cdp_events_default',
      'cdp_events_p2026_03',
    ]);
  });
});
