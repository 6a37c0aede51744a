import request from 'supertest';
import { upsertSourceHours, upsertVolumeAnomalies } from '@stratum/db';
import { createTestSource, createTestTenant } from '@stratum/db/testing';
import type { SeededTenant } from '@stratum/db';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';

let t: AdminTestApp;
let other: SeededTenant;
let quietSourceId: string;
const HOUR = 3_600_000;
const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
const hoursAgo = (n: number) => new Date(thisHour - n * HOUR);

beforeAll(async () => {
  t = await createAdminTestApp();
  other = await createTestTenant(t.testDb.db);
  quietSourceId = (await createTestSource(t.testDb.db, t.tenant.tenant.tenantId)).source.sourceId;
  const mine = { tenant_id: t.tenant.tenant.tenantId, source_id: t.tenant.source.sourceId };
  await upsertSourceHours(t.testDb.db, [
    // The worked example of docs/DATA_QUALITY.md, then an hour where every event has an email.
    {
      ...mine,
      hour: hoursAgo(3),
      accepted: 40,
      rejected: 2,
      suppressed: 1,
      sampled: 4,
      email: 3,
      phone: 1,
      ip: 4,
    },
    { ...mine, hour: hoursAgo(2), accepted: 4, sampled: 4, email: 4 },
    // Outside a one-day window.
    { ...mine, hour: hoursAgo(30), accepted: 9, sampled: 9 },
  ]);
  const anomaly = { count: 0, expected: 120, score: -11, severity: 'critical' };
  await upsertVolumeAnomalies(t.testDb.db, [
    { ...mine, ...anomaly, hour: hoursAgo(2), kind: 'drop' },
    { ...mine, ...anomaly, hour: hoursAgo(1), kind: 'silence' },
    { ...mine, ...anomaly, source_id: quietSourceId, hour: hoursAgo(1), kind: 'drop' },
    {
      tenant_id: other.tenant.tenantId,
      source_id: other.source.sourceId,
      ...anomaly,
      hour: hoursAgo(1),
      kind: 'drop',
    },
  ]);
});
afterAll(() => t.close());

const get = (path: string, auth = t.secretAuth) =>
  request(t.app).get(`/api/v1/cdp${path}`).set('Authorization', auth);

describe('GET /sources/{id}/quality', () => {
  it('scores the summed sample of the window and lists its hours', async () => {
    const res = await get(`/sources/${t.tenant.source.sourceId}/quality?days=1`);
    expect(res.status).toBe(200);
    // 8 events: 7 with an email, 1 with a phone, 4 with an IP: 3 × 7/8 + 2 × 1/8 + 1 × 4/8.
    expect(res.body).toEqual({
      source_id: t.tenant.source.sourceId,
      score: 3.4,
      rating: 'poor',
      keys: { email: 0.875, phone: 0.125, external_id: 0, click_id: 0, ip: 0.5, user_agent: 0 },
      advice: expect.stringContaining('phone'),
      hours: [
        { hour: hoursAgo(3).toISOString(), accepted: 40, rejected: 2, suppressed: 1, score: 3.8 },
        { hour: hoursAgo(2).toISOString(), accepted: 4, rejected: 0, suppressed: 0, score: 3 },
      ],
    });
    const month = await get(`/sources/${t.tenant.source.sourceId}/quality`);
    expect(month.body.hours).toHaveLength(3);
  });

  it('answers a source without hours with a zero score', async () => {
    const res = await get(`/sources/${quietSourceId}/quality`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ score: 0, rating: 'poor', hours: [] });
  });

  it("answers another tenant's source, and an id that is none, with 404", async () => {
    expect((await get(`/sources/${other.source.sourceId}/quality`)).status).toBe(404);
    expect((await get('/sources/not-a-uuid/quality')).status).toBe(404);
  });

  it.each([
    ['?days=0', 'days'],
    ['?days=91', 'days'],
    ['?days=ten', 'days'],
    ['?dayz=3', 'dayz'],
  ])('refuses %s naming %s', async (query, path) => {
    const res = await get(`/sources/${t.tenant.source.sourceId}/quality${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('GET /anomalies', () => {
  it("pages the tenant's anomalies newest first, never another tenant's", async () => {
    const first = await get('/anomalies?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.anomalies).toHaveLength(2);
    expect(first.body.anomalies[0]).toMatchObject({ hour: hoursAgo(1).toISOString() });
    const rest = await get(`/anomalies?limit=2&cursor=${first.body.next_cursor as string}`);
    expect(rest.body).toMatchObject({ next_cursor: null });
    const all = [...first.body.anomalies, ...rest.body.anomalies] as { source_id: string }[];
    expect(all).toHaveLength(3);
    expect(all.map((a) => a.source_id)).not.toContain(other.source.sourceId);
    expect(rest.body.anomalies[0]).toEqual({
      source_id: t.tenant.source.sourceId,
      hour: hoursAgo(2).toISOString(),
      kind: 'drop',
      severity: 'critical',
      count: 0,
      expected: 120,
      score: -11,
      detected_at: expect.any(String),
    });
  });

  it('filters by source and by the first hour', async () => {
    const bySource = await get(`/anomalies?source_id=${quietSourceId}`);
    expect(bySource.body.anomalies).toHaveLength(1);
    const since = await get(`/anomalies?since=${encodeURIComponent(hoursAgo(1).toISOString())}`);
    expect(since.body.anomalies.map((a: { kind: string }) => a.kind).sort()).toEqual([
      'drop',
      'silence',
    ]);
  });

  it.each([
    ['?since=yesterday', 'since'],
    ['?source_id=abc', 'source_id'],
    ['?limit=0', 'limit'],
    ['?cursor=bm9wZQ', 'cursor'],
  ])('refuses %s naming %s', async (query, path) => {
    const res = await get(`/anomalies${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('needs a secret key', async () => {
    expect((await get('/anomalies', t.writeAuth)).status).toBe(403);
  });
});
