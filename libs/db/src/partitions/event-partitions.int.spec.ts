import { sql } from 'kysely';
import type { Db } from '../database';
import { createTestDatabase, createTestTenant } from '../testing';
import type { TestDatabase } from '../testing';
import { listEventPartitions, maintainPartitions } from './event-partitions';

let testDb: TestDatabase;
let db: Db;
let tenantId: string;
let profileId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  ({
    tenant: { tenantId },
  } = await createTestTenant(db));
  const profile = await db
    .insertInto('cdp_profiles')
    .values({ tenant_id: tenantId, first_seen_at: new Date(), last_seen_at: new Date() })
    .returning('profile_id')
    .executeTakeFirstOrThrow();
  profileId = profile.profile_id;
});

afterAll(async () => {
  await testDb.destroy();
});

async function insertEvent(eventId: string, occurredAt: string): Promise<void> {
  await db
    .insertInto('cdp_events')
    .values({
      tenant_id: tenantId,
      event_id: eventId,
      occurred_at: occurredAt,
      received_at: new Date(),
      profile_id: profileId,
      type: 'track',
      name: 'Test',
    })
    .execute();
}

async function partitionOf(eventId: string): Promise<string | undefined> {
  const { rows } = await sql<{ partition: string }>`
    SELECT tableoid::regclass::text AS partition FROM cdp_events WHERE event_id = ${eventId}
  `.execute(db);
  return rows[0]?.partition;
}

function relationNames(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(relationNames);
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node['Relation Name'] === 'string' ? [node['Relation Name']] : [];
  return [...own, ...Object.values(node).flatMap(relationNames)];
}

describe('maintainPartitions', () => {
  it('creates the months around now, once', async () => {
    const now = new Date('2040-06-15T12:00:00Z');
    expect(await maintainPartitions(db, { now })).toEqual([
      'cdp_events_p2040_05',
      'cdp_events_p2040_06',
      'cdp_events_p2040_07',
      'cdp_events_p2040_08',
      'cdp_events_p2040_09',
    ]);
    expect(await maintainPartitions(db, { now })).toEqual([]);
    expect(await maintainPartitions(db, { now, monthsAhead: 4, monthsBehind: 0 })).toEqual([
      'cdp_events_p2040_10',
    ]);
  });

  it('lists partitions with UTC bounds, whatever the session time zone', async () => {
    await db.connection().execute(async (conn) => {
      await sql`SET TIME ZONE 'America/New_York'`.execute(conn);
      const partitions = await listEventPartitions(conn);
      await sql`RESET TIME ZONE`.execute(conn);
      expect(partitions.find((p) => p.name === 'cdp_events_p2040_06')).toEqual({
        name: 'cdp_events_p2040_06',
        from: new Date('2040-06-01T00:00:00Z'),
        to: new Date('2040-07-01T00:00:00Z'),
        isDefault: false,
      });
      expect(partitions[partitions.length - 1]).toEqual({
        name: 'cdp_events_default',
        from: null,
        to: null,
        isDefault: true,
      });
      const froms = partitions.filter((p) => !p.isDefault).map((p) => p.from!.getTime());
      expect(froms).toEqual([...froms].sort((a, b) => a - b));
    });
  });

  it('files each row in the partition of its UTC month', async () => {
    await insertEvent('late-june-local', '2040-06-30T23:30:00-01:00'); // 2040-07-01T00:30Z
    await insertEvent('early-july-local', '2040-07-01T01:00:00+02:00'); // 2040-06-30T23:00Z
    await insertEvent('far-future', '2045-01-01T00:00:00Z');
    expect(await partitionOf('late-june-local')).toBe('cdp_events_p2040_07');
    expect(await partitionOf('early-july-local')).toBe('cdp_events_p2040_06');
    expect(await partitionOf('far-future')).toBe('cdp_events_default');
  });

  it('prunes partitions for a time-range query', async () => {
    const { rows } = await sql<{ 'QUERY PLAN': unknown }>`
      EXPLAIN (FORMAT JSON)
      SELECT event_id FROM cdp_events
      WHERE tenant_id = ${tenantId}
        AND occurred_at >= ${'2040-06-03T00:00:00Z'}::timestamptz
        AND occurred_at < ${'2040-06-20T00:00:00Z'}::timestamptz
    `.execute(db);
    expect([...new Set(relationNames(rows[0]?.['QUERY PLAN']))]).toEqual(['cdp_events_p2040_06']);

    const { rows: twoMonths } = await sql<{ 'QUERY PLAN': unknown }>`
      EXPLAIN (FORMAT JSON)
      SELECT event_id FROM cdp_events
      WHERE tenant_id = ${tenantId} AND profile_id = ${profileId}
        AND occurred_at >= ${'2040-06-15T00:00:00Z'}::timestamptz
        AND occurred_at < ${'2040-07-15T00:00:00Z'}::timestamptz
      ORDER BY occurred_at DESC, event_id DESC LIMIT 50
    `.execute(db);
    expect([...new Set(relationNames(twoMonths[0]?.['QUERY PLAN']))].sort()).toEqual([
      'cdp_events_p2040_06',
      'cdp_events_p2040_07',
    ]);
  });

  it('moves rows waiting in the default partition into the new month, and only those', async () => {
    await insertEvent('waiting-1', '2041-03-05T10:00:00Z');
    await insertEvent('waiting-2', '2041-03-31T23:59:59.999Z');
    await insertEvent('other-month', '2041-04-01T00:00:00Z');
    expect(await partitionOf('waiting-1')).toBe('cdp_events_default');

    const created = await maintainPartitions(db, {
      now: new Date('2041-03-20T00:00:00Z'),
      monthsAhead: 0,
      monthsBehind: 0,
    });

    expect(created).toEqual(['cdp_events_p2041_03']);
    expect(await partitionOf('waiting-1')).toBe('cdp_events_p2041_03');
    expect(await partitionOf('waiting-2')).toBe('cdp_events_p2041_03');
    expect(await partitionOf('other-month')).toBe('cdp_events_default');
    const count = await db
      .selectFrom('cdp_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', 'in', ['waiting-1', 'waiting-2', 'other-month'])
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(3);
    // The append-only guard is back on the default partition, and on the new one.
    const { rows } = await sql<{ tgenabled: string }>`
      SELECT tgenabled FROM pg_trigger
      WHERE tgrelid = 'cdp_events_default'::regclass AND tgname = 'cdp_events_append_only'
    `.execute(db);
    expect(rows).toEqual([{ tgenabled: 'O' }]);
    await expect(sql`DELETE FROM cdp_events_default`.execute(db)).rejects.toMatchObject({
      message: 'cdp_events is append-only',
    });
    await expect(sql`TRUNCATE cdp_events_p2041_03`.execute(db)).rejects.toMatchObject({
      message: 'cdp_events is append-only',
    });
  });

  it('lets concurrent maintainers create each month once', async () => {
    const now = new Date('2043-01-15T00:00:00Z');
    const [a, b] = await Promise.all([
      maintainPartitions(db, { now }),
      maintainPartitions(db, { now }),
    ]);
    expect([...a, ...b].sort()).toEqual([
      'cdp_events_p2042_12',
      'cdp_events_p2043_01',
      'cdp_events_p2043_02',
      'cdp_events_p2043_03',
      'cdp_events_p2043_04',
    ]);
  });

  it.each([[{ monthsAhead: -1 }], [{ monthsBehind: 1.5 }], [{ monthsAhead: 121 }]])(
    'refuses %o',
    async (options) => {
      await expect(maintainPartitions(db, options)).rejects.toThrow(RangeError);
    },
  );
});
