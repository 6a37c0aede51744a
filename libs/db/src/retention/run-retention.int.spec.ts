import { sql } from 'kysely';
import type { Db } from '../database';
import { listEventPartitions, maintainPartitions } from '../partitions/event-partitions';
import { addUtcMonths, eventPartitionName, startOfUtcMonth } from '../partitions/month';
import { createTestDatabase, createTestSource, createTestTenant } from '../testing';
import type { TestDatabase } from '../testing';
import { runRetention } from './run-retention';

const DAY = 24 * 60 * 60 * 1000;

let testDb: TestDatabase;
let db: Db;
const now = new Date();
const thisMonth = startOfUtcMonth(now);
const month = (offset: number): Date => addUtcMonths(thisMonth, offset);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});

afterAll(async () => {
  await testDb.destroy();
});

async function count(
  table: 'cdp_events' | 'cdp_profiles' | 'cdp_profile_identifiers' | 'cdp_consents',
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('runRetention', () => {
  it('drops whole event partitions older than the retention, and nothing else', async () => {
    const { tenant } = await createTestTenant(db);
    const t = tenant.tenantId;
    // Months -27 to -24 around now; with 25 months kept, the cut-off is the start of month -25.
    await maintainPartitions(db, { now: month(-26), monthsBehind: 1, monthsAhead: 2 });
    const profile = await db
      .insertInto('cdp_profiles')
      .values({ tenant_id: t, first_seen_at: month(-27), last_seen_at: month(-25) })
      .returning('profile_id')
      .executeTakeFirstOrThrow();
    const p = profile.profile_id;
    await db
      .insertInto('cdp_profile_identifiers')
      .values({
        tenant_id: t,
        identifier_type: 'email',
        identifier_hash: 'd'.repeat(64),
        profile_id: p,
        first_seen_at: month(-27),
        last_seen_at: month(-27),
      })
      .execute();
    await db
      .insertInto('cdp_consents')
      .values({
        tenant_id: t,
        profile_id: p,
        purpose: 'analytics',
        status: 'granted',
        occurred_at: month(-27),
      })
      .execute();
    const event = (eventId: string, occurredAt: Date) => ({
      tenant_id: t,
      event_id: eventId,
      occurred_at: occurredAt,
      received_at: occurredAt,
      profile_id: p,
      type: 'identify' as const,
    });
    await db
      .insertInto('cdp_events')
      .values([
        event('expired', new Date(month(-27).getTime() + DAY)),
        event('last-expired-month', new Date(month(-25).getTime() - 1)),
        event('oldest-kept', month(-25)),
        event('recent', now),
        // No monthly partition that old: it waits in DEFAULT, which retention never drops.
        event('in-default', month(-40)),
      ])
      .execute();

    const result = await runRetention(db, { now, retentionMonths: 25 });

    expect(result.droppedPartitions).toEqual([
      eventPartitionName(month(-27)),
      eventPartitionName(month(-26)),
    ]);
    const remaining = await db
      .selectFrom('cdp_events')
      .select('event_id')
      .orderBy('event_id')
      .execute();
    expect(remaining.map((r) => r.event_id)).toEqual(['in-default', 'oldest-kept', 'recent']);
    const names = (await listEventPartitions(db)).map((p) => p.name);
    expect(names).toContain(eventPartitionName(month(-25)));
    expect(names).toContain(eventPartitionName(thisMonth));
    expect(names).toContain('cdp_events_default');
    expect(await count('cdp_profiles')).toBe(1);
    expect(await count('cdp_profile_identifiers')).toBe(1);
    expect(await count('cdp_consents')).toBe(1);

    expect((await runRetention(db, { now, retentionMonths: 25 })).droppedPartitions).toEqual([]);
  });

  it("expires dedupe keys older than each tenant's own window", async () => {
    const short = (await createTestTenant(db, { dedupeWindowDays: 7 })).tenant.tenantId;
    const long = (await createTestTenant(db, { dedupeWindowDays: 30 })).tenant.tenantId;
    const key = (tenantId: string, eventId: string, daysAgo: number) => ({
      tenant_id: tenantId,
      event_id: eventId,
      received_at: new Date(now.getTime() - daysAgo * DAY),
    });
    await db
      .insertInto('cdp_event_dedupe')
      .values([
        key(short, 'short-expired', 8),
        key(short, 'short-live', 6),
        key(long, 'long-live', 8),
        key(long, 'long-live-29', 29),
        key(long, 'long-expired', 31),
      ])
      .execute();

    const result = await runRetention(db, { now });

    expect(result.expiredDedupeKeys).toBe(2);
    const left = await db
      .selectFrom('cdp_event_dedupe')
      .select('event_id')
      .orderBy('event_id')
      .execute();
    expect(left.map((r) => r.event_id)).toEqual(['long-live', 'long-live-29', 'short-live']);
  });

  it('uses 25 months by default', async () => {
    await maintainPartitions(db, { now: month(-26), monthsBehind: 0, monthsAhead: 0 });
    const { rows } = await sql<{ present: boolean }>`
      SELECT to_regclass(${eventPartitionName(month(-26))}::text) IS NOT NULL AS present
    `.execute(db);
    expect(rows[0]?.present).toBe(true);
    const result = await runRetention(db, { now });
    expect(result.droppedPartitions).toEqual([eventPartitionName(month(-26))]);
  });

  it.each([0, -1, 2.5])('refuses retentionMonths %p', async (retentionMonths) => {
    await expect(runRetention(db, { retentionMonths })).rejects.toThrow(RangeError);
  });
});

describe('runRetention on the rejected-events log', () => {
  const entry = (tenantId: string, eventId: string, daysAgo: number) => ({
    tenant_id: tenantId,
    rejected_at: new Date(now.getTime() - daysAgo * DAY),
    route: 'events',
    event_id: eventId,
    event_index: 0,
    reason: 'invalid_field',
    errors: '[]',
    payload: null,
  });

  it('deletes entries older than 7 days by default, or the days given', async () => {
    const tenantId = (await createTestTenant(db)).tenant.tenantId;
    await db
      .insertInto('cdp_rejected_events')
      .values([entry(tenantId, 'old', 8), entry(tenantId, 'week', 6.9), entry(tenantId, 'new', 0)])
      .execute();
    const left = async () =>
      (
        await db
          .selectFrom('cdp_rejected_events')
          .select('event_id')
          .where('tenant_id', '=', tenantId)
          .orderBy('event_id')
          .execute()
      ).map((r) => r.event_id);

    expect((await runRetention(db, { now })).expiredRejectedEvents).toBe(1);
    expect(await left()).toEqual(['new', 'week']);
    expect((await runRetention(db, { now, rejectedEventDays: 1 })).expiredRejectedEvents).toBe(1);
    expect(await left()).toEqual(['new']);
  });

  it.each([0, -1, 1.5])('refuses %p days', async (rejectedEventDays) => {
    await expect(runRetention(db, { now, rejectedEventDays })).rejects.toThrow(RangeError);
  });
});

describe('runRetention on source-hours and volume anomalies', () => {
  const HOUR = 60 * 60 * 1000;
  const hourAgo = (days: number) =>
    new Date(Math.floor((now.getTime() - days * DAY) / HOUR) * HOUR);

  it('deletes hours older than 90 days by default, or the days given, never fewer than 37', async () => {
    const { tenant } = await createTestTenant(db);
    const { source } = await createTestSource(db, tenant.tenantId);
    const key = { tenant_id: tenant.tenantId, source_id: source.sourceId };
    const ages = [91, 89, 40, 1];
    await db
      .insertInto('cdp_source_hours')
      .values(ages.map((days) => ({ ...key, hour: hourAgo(days), accepted: days })))
      .execute();
    await db
      .insertInto('cdp_volume_anomalies')
      .values(
        ages.map((days) => ({
          ...key,
          hour: hourAgo(days),
          kind: 'drop',
          severity: 'critical',
          count: 0,
          expected: 100,
          score: -10,
        })),
      )
      .execute();
    const left = async () => {
      const hours = await db
        .selectFrom('cdp_source_hours')
        .select('accepted')
        .where('source_id', '=', source.sourceId)
        .orderBy('accepted', 'desc')
        .execute();
      const anomalies = await db
        .selectFrom('cdp_volume_anomalies')
        .select('hour')
        .where('source_id', '=', source.sourceId)
        .orderBy('hour')
        .execute();
      return { hours: hours.map((r) => r.accepted), anomalies: anomalies.map((r) => r.hour) };
    };

    expect(await runRetention(db, { now })).toMatchObject({
      expiredSourceHours: 1,
      expiredVolumeAnomalies: 1,
    });
    expect(await left()).toEqual({
      hours: [89, 40, 1],
      anomalies: [hourAgo(89), hourAgo(40), hourAgo(1)],
    });
    expect(await runRetention(db, { now, sourceQualityDays: 37 })).toMatchObject({
      expiredSourceHours: 2,
      expiredVolumeAnomalies: 2,
    });
    expect(await left()).toEqual({ hours: [1], anomalies: [hourAgo(1)] });
  });

  it.each([36, 0, 40.5])('refuses %p days', async (sourceQualityDays) => {
    await expect(runRetention(db, { now, sourceQualityDays })).rejects.toThrow(RangeError);
  });
});
