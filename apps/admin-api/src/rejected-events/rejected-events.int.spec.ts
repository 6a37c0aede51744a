import { sql } from 'kysely';
import request from 'supertest';
import { createTestTenant } from '@stratum/db/testing';
import { sha256Hex } from '@stratum/identity';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';
import { createIngestApp, trackEvent } from '../testing/ingest-app';
import type { IngestUnderTest } from '../testing/ingest-app';

// The ingest API writes the log (its own tests cover the write side alone); this API reads it.
let t: AdminTestApp;
let ingest: IngestUnderTest;
beforeAll(async () => {
  t = await createAdminTestApp();
  ingest = createIngestApp(t.testDb.db);
});
afterAll(async () => {
  await ingest.close();
  await t.close();
});

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
// Raw identifier values that must never reach the log: checked against every stored row.
const RAW = {
  email: 'Raw.Person@Example.COM',
  phone: 'not-a-phone-7731',
  segmentUser: 'raw-segment-user-5521',
  segmentEmail: 'raw.segment@example.org',
  posthogAnon: 'raw-posthog-anon-9917',
  posthogEmail: 'raw.posthog@example.net',
};

const postEvents = (body: unknown, auth = t.writeAuth) =>
  request(ingest.app)
    .post('/api/v1/cdp/events')
    .set('Authorization', auth)
    .send(body as object);
const postVendor = (path: string, body: unknown) =>
  request(ingest.app)
    .post(path)
    .set('Authorization', basic(t.tenant.writeKey.key))
    .set('Content-Type', 'text/plain')
    .send(JSON.stringify(body));
const readLog = (query = '', auth = t.secretAuth) =>
  request(t.app).get(`/api/v1/cdp/rejected-events${query}`).set('Authorization', auth);

interface Entry {
  event_id: string | null;
  reason: string;
  route: string;
  source_id: string | null;
  index: number;
  errors: { path: string; message: string }[];
  payload: Record<string, unknown>;
}
const entryOf = async (eventId: string): Promise<Entry> => {
  const res = await readLog('?limit=500');
  expect(res.status).toBe(200);
  const found = (res.body.rejected_events as Entry[]).find((e) => e.event_id === eventId);
  if (found === undefined) throw new Error(`no log entry for ${eventId}`);
  return found;
};

describe('the rejected-events log', () => {
  it('records a bad event of an accepted POST /events batch, identifiers hashed', async () => {
    const bad = trackEvent({
      event_id: 'bad-events-1',
      identifiers: [
        { type: 'email', value: ` ${RAW.email} ` },
        { type: 'phone', value: RAW.phone },
      ],
    });
    const res = await postEvents({ events: [trackEvent(), bad] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });

    const entry = await entryOf('bad-events-1');
    expect(entry).toMatchObject({
      route: 'events',
      reason: 'invalid_identifier',
      source_id: t.tenant.source.sourceId,
      index: 1,
      errors: [{ path: 'identifiers.1.value', message: expect.any(String) }],
    });
    expect(entry.payload.identifiers).toEqual([
      { type: 'email', hash: sha256Hex(RAW.email.toLowerCase()), hashed_from: 'normalized' },
      { type: 'phone', hash: sha256Hex(RAW.phone), hashed_from: 'trimmed' },
    ]);
    expect(entry.payload).toMatchObject({ name: 'Order Completed', type: 'track' });
  });

  it('records Segment messages that could not be mapped or whose identifiers are bad', async () => {
    const res = await postVendor('/v1/batch', {
      batch: [
        { type: 'track', event: 'Good', userId: 'good-user', messageId: 'seg-good' },
        {
          type: 'track',
          event: 'No Id',
          messageId: 'seg-unmapped',
          traits: { email: RAW.segmentEmail },
        },
        {
          type: 'identify',
          userId: RAW.segmentUser,
          messageId: 'seg-bad-email',
          traits: { email: 'no-at-sign' },
        },
      ],
    });
    // The vendor routes answer 202 (queued); refusals are logged with the answer.
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ success: true, queued: 1, rejected: 2 });

    const unmapped = await entryOf('seg-unmapped');
    expect(unmapped).toMatchObject({ route: 'segment', reason: 'mapping_failed', index: 1 });
    expect(unmapped.payload).toMatchObject({
      event: 'No Id',
      traits: { email: { hashed: sha256Hex(RAW.segmentEmail) } },
    });

    const badEmail = await entryOf('seg-bad-email');
    expect(badEmail).toMatchObject({ route: 'segment', reason: 'invalid_identifier', index: 2 });
    // The mapped Stratum event: its identifiers, each hashed.
    expect(badEmail.payload.identifiers).toEqual([
      { type: 'external_id', hash: sha256Hex(RAW.segmentUser), hashed_from: 'normalized' },
      { type: 'email', hash: sha256Hex('no-at-sign'), hashed_from: 'trimmed' },
    ]);
  });

  it('records a PostHog event without distinct_id, its write key dropped', async () => {
    const res = await postVendor('/batch', {
      api_key: t.tenant.writeKey.key,
      batch: [
        { event: 'Good', distinct_id: 'ph-good-user', uuid: 'ph-good' },
        {
          event: 'Bad',
          uuid: 'ph-bad',
          $set: { email: RAW.posthogEmail },
          properties: { $anon_distinct_id: RAW.posthogAnon, token: t.tenant.writeKey.key },
        },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'Ok', queued: 1, rejected: 1 });

    const entry = await entryOf('ph-bad');
    expect(entry).toMatchObject({ route: 'posthog', reason: 'mapping_failed' });
    expect(entry.errors).toContainEqual({ path: 'distinct_id', message: 'is required' });
    expect(entry.payload).toEqual({
      event: 'Bad',
      uuid: 'ph-bad',
      $set: { email: { hashed: sha256Hex(RAW.posthogEmail) } },
      properties: { $anon_distinct_id: { hashed: sha256Hex(RAW.posthogAnon) } },
    });
  });

  it('records the events of a request where every event was rejected (400)', async () => {
    const res = await postEvents({ events: [trackEvent({ event_id: 'all-bad', type: 'fly' })] });
    expect(res.status).toBe(400);
    expect(await entryOf('all-bad')).toMatchObject({ reason: 'invalid_field', route: 'events' });
  });

  it('keeps a marker, not the payload, of an oversized event', async () => {
    const big = trackEvent({ event_id: 'too-big', properties: { pad: 'x'.repeat(40_000) } });
    const res = await postEvents({ events: [trackEvent(), big] });
    expect(res.status).toBe(200);
    const entry = await entryOf('too-big');
    expect(entry.reason).toBe('too_large');
    expect(entry.payload).toEqual({ truncated: true, bytes: expect.any(Number) });
  });

  it('keeps the entry, without its payload, when PostgreSQL refuses the payload', async () => {
    const surrogate = trackEvent({ event_id: 'lone-surrogate', properties: { note: '\ud800' } });
    const nul = trackEvent({ event_id: 'nul-char', properties: { note: 'a\u0000b' } });
    const res = await postEvents({ events: [trackEvent(), surrogate, nul] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 2 });
    // jsonb refuses the escaped lone surrogate: the request's rows are written again without payloads.
    expect(await entryOf('lone-surrogate')).toMatchObject({
      reason: 'invalid_field',
      payload: null,
    });
    expect(await entryOf('nul-char')).toMatchObject({ reason: 'invalid_field', payload: null });
  });

  it('never stores a raw identifier value', async () => {
    const { rows } = await sql<{ row: string }>`
      SELECT r::text AS row FROM cdp_rejected_events r`.execute(t.testDb.db);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const stored = rows.map((r) => r.row).join('\n');
    for (const raw of [...Object.values(RAW), RAW.email.toLowerCase(), t.tenant.writeKey.key]) {
      expect(stored).not.toContain(raw);
    }
    // The check can fail: the hash of the email is there.
    expect(stored).toContain(sha256Hex(RAW.email.toLowerCase()));
  });

  it('filters by reason and by source', async () => {
    const mapping = await readLog('?reason=mapping_failed');
    expect(mapping.status).toBe(200);
    const ids = (mapping.body.rejected_events as Entry[]).map((e) => e.event_id);
    expect(ids).toEqual(['ph-bad', 'seg-unmapped']);

    const own = await readLog(`?source_id=${t.tenant.source.sourceId}&reason=too_large`);
    expect((own.body.rejected_events as Entry[]).map((e) => e.event_id)).toEqual(['too-big']);
    const other = await readLog('?source_id=5f0c2a9e-8f3b-4f7d-b2a4-6a1e0d9c7b12');
    expect(other.body).toEqual({ rejected_events: [], next_cursor: null });
  });

  it('pages newest first with an opaque cursor', async () => {
    const all = (await readLog('?limit=500')).body.rejected_events as Entry[];
    const seen: Entry[] = [];
    let query = '?limit=2';
    for (let page = 0; page < 20; page++) {
      const res = await readLog(query);
      expect(res.status).toBe(200);
      seen.push(...(res.body.rejected_events as Entry[]));
      if (res.body.next_cursor === null) break;
      query = `?limit=2&cursor=${res.body.next_cursor as string}`;
    }
    expect(seen).toEqual(all);
    expect(all[0]!.event_id).toBe('nul-char');
    expect(all.at(-1)!.event_id).toBe('bad-events-1');
  });

  it("never shows another tenant's entries", async () => {
    const other = await createTestTenant(t.testDb.db);
    const res = await postEvents(
      { events: [trackEvent(), trackEvent({ event_id: 'other-bad', type: 'fly' })] },
      `Bearer ${other.writeKey.key}`,
    );
    expect(res.status).toBe(200);
    const theirs = await readLog('', `Bearer ${other.secretKey.key}`);
    expect((theirs.body.rejected_events as Entry[]).map((e) => e.event_id)).toEqual(['other-bad']);
    const ours = (await readLog('?limit=500')).body.rejected_events as Entry[];
    expect(ours.map((e) => e.event_id)).not.toContain('other-bad');
  });

  it('needs sources:read: a write key gets 403, no key 401', async () => {
    expect((await readLog('', t.writeAuth)).status).toBe(403);
    expect((await request(t.app).get('/api/v1/cdp/rejected-events')).status).toBe(401);
  });

  it.each([
    ['?reason=bogus', 'reason'],
    ['?source_id=nope', 'source_id'],
    ['?limit=0', 'limit'],
    ['?cursor=not-ours', 'cursor'],
    ['?reasn=too_large', 'reasn'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const res = await readLog(query);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: field }));
  });
});
