import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

function post(body: unknown, auth = t.writeAuth) {
  return request(t.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', auth)
    .send(body as object);
}

async function identifierOwner(type: string, hash: string): Promise<string | undefined> {
  const row = await t.testDb.db
    .selectFrom('cdp_profile_identifiers')
    .select('profile_id')
    .where('tenant_id', '=', t.tenant.tenant.tenantId)
    .where('identifier_type', '=', type as 'email')
    .where('identifier_hash', '=', hash)
    .executeTakeFirst();
  return row?.profile_id;
}

describe('POST /api/v1/cdp/events', () => {
  it('event validation - valid event accepted', async () => {
    const event = trackEvent();
    const res = await post(event);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0 });
    expect(res.body.results[0]).toMatchObject({
      index: 0,
      event_id: event.event_id,
      status: 'accepted',
    });
    expect(res.body.results[0].profile_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['etag']).toBeUndefined();
  });

  it('event validation - missing required fields rejected', async () => {
    const res = await post({ events: [{ type: 'track' }, trackEvent()] });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toBe(1);
    const paths = res.body.results[0].errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['event_id', 'name', 'identifiers']));
  });

  it('event validation - invalid identifier type rejected', async () => {
    const res = await post(
      trackEvent({ identifiers: [{ type: 'fax', value: '+1 415 555 0100' }] }),
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { path: 'identifiers.0.type', message: "unknown identifier type 'fax'" },
    ]);
  });

  it('identifier hashing - email normalized and hashed', async () => {
    const res = await post(
      trackEvent({ identifiers: [{ type: 'email', value: '  Mixed.Case@Example.COM ' }] }),
    );
    expect(await identifierOwner('email', sha256('mixed.case@example.com'))).toBe(
      res.body.results[0].profile_id,
    );
  });

  it('identifier hashing - phone normalized to E.164 and hashed', async () => {
    const res = await post(
      trackEvent({ identifiers: [{ type: 'phone', value: '(415) 555-0199' }] }),
    );
    expect(res.status).toBe(200);
    expect(await identifierOwner('phone', sha256('+14155550199'))).toBe(
      res.body.results[0].profile_id,
    );
  });

  it('profile resolution - new profile created if none exists', async () => {
    const res = await post(
      trackEvent({ identifiers: [{ type: 'external_id', value: 'crm-new-1' }] }),
    );
    const profile = await t.testDb.db
      .selectFrom('cdp_profiles')
      .selectAll()
      .where('profile_id', '=', res.body.results[0].profile_id)
      .executeTakeFirst();
    expect(profile).toMatchObject({ event_count: 1, merged_into: null });
  });

  it('profile resolution - existing profile returned if match', async () => {
    const identifiers = [{ type: 'email', value: 'returning@example.com' }];
    const first = await post(trackEvent({ identifiers }));
    const second = await post(trackEvent({ identifiers }));
    expect(second.body.results[0].profile_id).toBe(first.body.results[0].profile_id);
  });

  it('identifier linking - new identifier linked to profile', async () => {
    const first = await post(
      trackEvent({ identifiers: [{ type: 'email', value: 'link@example.com' }] }),
    );
    await post(
      trackEvent({
        identifiers: [
          { type: 'email', value: 'link@example.com' },
          { type: 'device_id', value: 'device-77' },
        ],
      }),
    );
    expect(await identifierOwner('device_id', sha256('device-77'))).toBe(
      first.body.results[0].profile_id,
    );
  });

  it('POST /events - single event ingested', async () => {
    const event = trackEvent();
    await post(event);
    const stored = await t.testDb.db
      .selectFrom('cdp_events')
      .selectAll()
      .where('event_id', '=', event.event_id as string)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'track',
      name: 'Order Completed',
      properties: event.properties,
    });
  });

  it('POST /events - batch events ingested', async () => {
    const events = Array.from({ length: 100 }, () => trackEvent());
    const res = await post({ events });
    expect(res.body).toMatchObject({ accepted: 100, duplicates: 0, rejected: 0 });
    expect(res.body.results.map((r: { index: number }) => r.index)).toEqual(
      events.map((_, i) => i),
    );
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cdp_events WHERE event_id = ANY(${events.map((e) => e.event_id)}::text[])`.execute(
      t.testDb.db,
    );
    expect(rows[0]!.n).toBe(100);
  });

  it('POST /events - duplicate event deduplicated', async () => {
    const event = trackEvent();
    const first = await post(event);
    const again = await post({ events: [event, event] });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(again.body.results[0]).toMatchObject({
      status: 'duplicate',
      profile_id: first.body.results[0].profile_id,
    });
    const stored = await t.testDb.db
      .selectFrom('cdp_events')
      .select('event_id')
      .where('event_id', '=', event.event_id as string)
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('reports a repeated event_id inside one batch as a duplicate of the first', async () => {
    const event = trackEvent();
    const res = await post({ events: [event, { ...event }] });
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(res.body.results[1].profile_id).toBe(res.body.results[0].profile_id);
  });

  it('timestamps are stored in UTC and corrected for client clock skew', async () => {
    const skewed = new Date(Date.now() + 60 * 60 * 1000); // the device clock runs one hour fast
    const event = trackEvent({
      timestamp: '2026-11-20T10:15:00.000+01:00',
      sent_at: skewed.toISOString().replace('Z', '+00:00'),
    });
    const before = Date.now();
    await post(event);
    const row = await t.testDb.db
      .selectFrom('cdp_events')
      .select(['occurred_at', 'received_at'])
      .where('event_id', '=', event.event_id as string)
      .executeTakeFirstOrThrow();
    const expected = Date.parse('2026-11-20T09:15:00.000Z') - 60 * 60 * 1000;
    expect(Math.abs(row.occurred_at.getTime() - expected)).toBeLessThan(Date.now() - before + 1000);
    const { rows } = await sql<{ text: string }>`
      SELECT (occurred_at AT TIME ZONE 'UTC')::text AS text FROM cdp_events WHERE event_id = ${event.event_id}`.execute(
      t.testDb.db,
    );
    expect(rows[0]!.text.startsWith('2026-11-20 08:1')).toBe(true);
  });

  it('merges A{email}, B{phone}, C{email, phone} into one profile that keeps both', async () => {
    const a = await post(
      trackEvent({ identifiers: [{ type: 'email', value: 'merge-a@example.com' }] }),
    );
    const b = await post(
      trackEvent({ identifiers: [{ type: 'phone', value: '+1 415 555 0123' }] }),
    );
    const c = await post(
      trackEvent({
        identifiers: [
          { type: 'email', value: 'merge-a@example.com' },
          { type: 'phone', value: '+14155550123' },
        ],
      }),
    );
    const survivor = a.body.results[0].profile_id;
    expect(c.body.results[0].profile_id).toBe(survivor);
    expect(await identifierOwner('phone', sha256('+14155550123'))).toBe(survivor);
    const merge = await t.testDb.db
      .selectFrom('cdp_profile_merges')
      .selectAll()
      .where('merged_profile_id', '=', b.body.results[0].profile_id)
      .executeTakeFirstOrThrow();
    expect(merge.into_profile_id).toBe(survivor);
  });

  it('merge protection: two different external ids never end up on one profile', async () => {
    await post(
      trackEvent({
        identifiers: [
          { type: 'external_id', value: 'crm-1' },
          { type: 'email', value: 'family@example.com' },
        ],
      }),
    );
    const second = await post(
      trackEvent({
        identifiers: [
          { type: 'external_id', value: 'crm-2' },
          { type: 'email', value: 'family@example.com' },
        ],
      }),
    );
    expect(second.body.results[0].warnings).toEqual([
      {
        path: 'identifiers.1',
        message: 'belongs to another profile; merge refused by identifier limits',
      },
    ]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT profile_id FROM cdp_profile_identifiers
        WHERE identifier_type = 'external_id' GROUP BY profile_id HAVING count(*) > 1) x`.execute(
      t.testDb.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('ignores placeholder identifiers with a warning and rejects an event left with none', async () => {
    const res = await post({
      events: [
        trackEvent({
          identifiers: [
            { type: 'email', value: 'null' },
            { type: 'anonymous_id', value: 'anon-42' },
          ],
        }),
        trackEvent({ identifiers: [{ type: 'external_id', value: 'undefined' }] }),
      ],
    });
    expect(res.body.results[0]).toMatchObject({
      status: 'accepted',
      warnings: [
        { path: 'identifiers.0', message: 'placeholder value ignored for identity resolution' },
      ],
    });
    expect(res.body.results[1]).toMatchObject({ status: 'rejected' });
  });

  it('accepts HTTP Basic with the write key as user name', async () => {
    const basic = `Basic ${Buffer.from(`${t.tenant.writeKey.key}:`).toString('base64')}`;
    const res = await post(trackEvent(), basic);
    expect(res.status).toBe(200);
  });

  it('refuses a key without the events:write scope with 403', async () => {
    const res = await post(trackEvent(), t.secretAuth);
    expect(res.status).toBe(403);
  });

  it('data quality: no orphan identifiers and no identifier on two profiles', async () => {
    const { rows: orphans } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cdp_profile_identifiers i
      LEFT JOIN cdp_profiles p ON p.tenant_id = i.tenant_id AND p.profile_id = i.profile_id
      WHERE p.profile_id IS NULL OR p.merged_into IS NOT NULL`.execute(t.testDb.db);
    expect(orphans[0]!.n).toBe(0);
    const { rows: duplicates } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT tenant_id, identifier_type, identifier_hash FROM cdp_profile_identifiers
        GROUP BY 1, 2, 3 HAVING count(DISTINCT profile_id) > 1) x`.execute(t.testDb.db);
    expect(duplicates[0]!.n).toBe(0);
  });

  it('events are append-only: UPDATE and DELETE are refused', async () => {
    await expect(sql`UPDATE cdp_events SET name = 'changed'`.execute(t.testDb.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM cdp_events`.execute(t.testDb.db)).rejects.toThrow(/append-only/);
  });
});
