import request from 'supertest';
import { createIngestTestApp, trackEvent } from '../testing/ingest-test-app';
import type { IngestTestApp } from '../testing/ingest-test-app';

let t: IngestTestApp;
beforeAll(async () => {
  t = await createIngestTestApp();
});
afterAll(() => t.close());

const path = '/api/v1/cdp/events';

function postRaw(body: string, contentType = 'application/json') {
  return request(t.app)
    .post(path)
    .set('Authorization', t.writeAuth)
    .set('Content-Type', contentType)
    .send(body);
}

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}

describe('bad input gets its documented 4xx and the server keeps serving', () => {
  it.each([
    ['malformed JSON', () => postRaw('{"events": [', 'application/json'), 400],
    ['wrong content type', () => postRaw('event_id=1', 'application/x-www-form-urlencoded'), 415],
    ['text/plain body', () => postRaw('{}', 'text/plain'), 415],
    ['an empty batch', () => postRaw(JSON.stringify({ events: [] })), 400],
    [
      '501 events',
      () => postRaw(JSON.stringify({ events: Array.from({ length: 501 }, () => trackEvent()) })),
      400,
    ],
    ['a JSON array body', () => postRaw(JSON.stringify([trackEvent()])), 400],
    ['a JSON null body', () => postRaw('null'), 400],
    [
      'an event of nulls',
      () => postRaw(JSON.stringify({ event_id: null, type: null, identifiers: null })),
      400,
    ],
    [
      'an event over 32 KB',
      () => postRaw(JSON.stringify(trackEvent({ properties: { blob: 'x'.repeat(33 * 1024) } }))),
      413,
    ],
    [
      'a body over 512 KB',
      () =>
        postRaw(
          JSON.stringify({
            events: Array.from({ length: 20 }, () =>
              trackEvent({ properties: { blob: 'x'.repeat(30_000) } }),
            ),
          }),
        ),
      413,
    ],
    [
      '__proto__ keys',
      () =>
        postRaw(
          `{"event_id":"p1","type":"identify","identifiers":[{"type":"email","value":"a@b.co"}],"traits":{"__proto__":{"admin":true}}}`,
        ),
      400,
    ],
    ['deep nesting', () => postRaw(JSON.stringify(trackEvent({ properties: nested(40) }))), 400],
    [
      'a NUL character in event_id',
      () => postRaw(JSON.stringify(trackEvent({ event_id: 'a\u0000b' }))),
      400,
    ],
    [
      'a NUL character in a property',
      () => postRaw(JSON.stringify(trackEvent({ properties: { note: 'nul \u0000 byte' } }))),
      400,
    ],
    [
      'a timestamp two days ahead',
      () =>
        postRaw(
          JSON.stringify(
            trackEvent({ timestamp: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
          ),
        ),
      400,
    ],
    [
      'a timestamp without offset',
      () => postRaw(JSON.stringify(trackEvent({ timestamp: '2026-11-20T10:15:00' }))),
      400,
    ],
    [
      'an invalid email',
      () =>
        postRaw(
          JSON.stringify(trackEvent({ identifiers: [{ type: 'email', value: 'not-an-email' }] })),
        ),
      400,
    ],
    [
      'an unparseable phone',
      () =>
        postRaw(JSON.stringify(trackEvent({ identifiers: [{ type: 'phone', value: 'call me' }] }))),
      400,
    ],
    [
      'a bad pre-hashed value',
      () => postRaw(JSON.stringify(trackEvent({ identifiers: [{ type: 'email', hash: 'ABC' }] }))),
      400,
    ],
    [
      '21 identifiers',
      () =>
        postRaw(
          JSON.stringify(
            trackEvent({
              identifiers: Array.from({ length: 21 }, (_, i) => ({
                type: 'device_id',
                value: `d${i}`,
              })),
            }),
          ),
        ),
      400,
    ],
  ])('%s', async (_name, send, status) => {
    const res = await send();
    expectProblem(res, status);
    expect(Object.prototype).not.toHaveProperty('admin');
    const ok = await request(t.app).post(path).set('Authorization', t.writeAuth).send(trackEvent());
    expect(ok.status).toBe(200);
  });

  const SURROGATE = /lone surrogate/;
  const NUL = /NUL character/;
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a lone surrogate in a property', { properties: { s: '\ud800' } }, 'properties.s', SURROGATE],
    ['a lone surrogate in a trait', { traits: { plan: 'pro\udfff' } }, 'traits.plan', SURROGATE],
    [
      'a lone surrogate in a context array',
      { context: { a: ['ok', '\ud83d'] } },
      'context.a.1',
      SURROGATE,
    ],
    [
      'a lone surrogate in a property key',
      { properties: { ['k\ud800']: 1 } },
      'properties.k\ud800',
      SURROGATE,
    ],
    ['a lone surrogate in the name', { name: 'Order \udc00' }, 'name', SURROGATE],
    ['a lone surrogate in event_id', { event_id: 'evt-\ud800' }, 'event_id', SURROGATE],
    [
      'a lone surrogate in an identifier value',
      { identifiers: [{ type: 'external_id', value: 'crm-\ud800' }] },
      'identifiers.0.value',
      SURROGATE,
    ],
    ['NUL in a context key', { context: { ['k\u0000']: 1 } }, 'context.k\u0000', NUL],
    [
      'NUL in an identifier value',
      { identifiers: [{ type: 'anonymous_id', value: 'a\u0000' }] },
      'identifiers.0.value',
      NUL,
    ],
  ])('%s: 400 naming the field', async (_name, overrides, field, message) => {
    const res = await postRaw(JSON.stringify(trackEvent(overrides)));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path: field, message: expect.stringMatching(message) }]);
  });

  it('a number past ±1.8e308: 400 naming the field, not a null stored in its place', async () => {
    const event = JSON.stringify(trackEvent({ properties: { n: 0 } })).replace(
      '"n":0',
      '"n":1e400',
    );
    const res = await postRaw(event);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path: 'properties.n', message: expect.any(String) }]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a lone surrogate', { properties: { s: '\ud800' } }, 'properties.s'],
    ['a NUL character', { traits: { ['\u0000']: true } }, 'traits.\u0000'],
    ['a year PostgreSQL cannot store', { timestamp: '0000-01-01T00:00:00Z' }, 'timestamp'],
  ])('%s in a batch rejects that event only', async (_name, overrides, field) => {
    const events = [trackEvent(), trackEvent(overrides), trackEvent()];
    const res = await postRaw(JSON.stringify({ events }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
    ]);
    expect(res.body.results[1].errors).toEqual([{ path: field, message: expect.any(String) }]);
    const rows = await t.testDb.db
      .selectFrom('cdp_events')
      .select('event_id')
      .where(
        'event_id',
        'in',
        events.map((e) => e.event_id as string),
      )
      .execute();
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      [events[0]!.event_id, events[2]!.event_id].sort(),
    );
  });

  // ISO 8601 with a 4-digit year passes the schema; PostgreSQL would refuse year 0000 in UTC,
  // and the expanded years (+010000-…) that toISOString writes past 9999.
  const RANGE = /^must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z in UTC$/;
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['year 0000', { timestamp: '0000-01-01T00:00:00Z' }, 'timestamp', RANGE],
    ['year 1 ahead of UTC', { timestamp: '0001-01-01T00:30:00+01:00' }, 'timestamp', RANGE],
    ['year 9999 behind UTC', { timestamp: '9999-12-31T23:00:00-01:30' }, 'timestamp', RANGE],
    ['a sent_at in year 0000', { sent_at: '0000-06-01T00:00:00Z' }, 'sent_at', RANGE],
    ['a sent_at past 9999 in UTC', { sent_at: '9999-12-31T23:59:59-00:01' }, 'sent_at', RANGE],
    [
      'a timestamp the clock correction moves before year 1',
      { timestamp: '0001-01-01T00:00:00Z', sent_at: '9999-01-01T00:00:00Z' },
      'timestamp',
      /^once corrected for the producer's clock \(by sent_at\), must be from 0001-/,
    ],
  ])('%s: 400 naming the field, nothing written', async (_name, overrides, field, message) => {
    const event = trackEvent(overrides);
    const res = await postRaw(JSON.stringify(event));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ path: field, message: expect.stringMatching(message) }]);
    const key = await t.testDb.db
      .selectFrom('cdp_event_dedupe')
      .select('event_id')
      .where('event_id', '=', event.event_id as string)
      .executeTakeFirst();
    expect(key).toBeUndefined();
  });

  it('stores the first and the last storable instants', async () => {
    const first = trackEvent({ timestamp: '0001-01-01T00:00:00Z' });
    const last = '9999-12-31T23:59:59.999Z';
    // Sent as late as it happened: the correction leaves the receive time, in range.
    const lastSent = trackEvent({ timestamp: last, sent_at: last });
    const res = await postRaw(JSON.stringify({ events: [first, lastSent] }));
    expect(res.body).toMatchObject({ accepted: 2, rejected: 0 });
    const rows = await t.testDb.db
      .selectFrom('cdp_events')
      .select(['event_id', 'occurred_at', 'sent_at'])
      .where('event_id', 'in', [first.event_id as string, lastSent.event_id as string])
      .execute();
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    expect(byId.get(first.event_id as string)?.occurred_at.toISOString()).toBe(
      '0001-01-01T00:00:00.000Z',
    );
    expect(byId.get(lastSent.event_id as string)?.sent_at?.toISOString()).toBe(last);
  });

  it('names the field and never echoes the submitted value', async () => {
    const res = await postRaw(
      JSON.stringify(
        trackEvent({ identifiers: [{ type: 'email', value: 'secret.person@@example' }] }),
      ),
    );
    expect(res.body.errors).toEqual([{ path: 'identifiers.0.value', message: expect.any(String) }]);
    expect(JSON.stringify(res.body)).not.toContain('secret.person');
  });

  it('accepts unicode in names, traits and identifiers', async () => {
    const res = await request(t.app)
      .post(path)
      .set('Authorization', t.writeAuth)
      .send(
        trackEvent({
          name: 'Bestellung abgeschlossen ✓',
          identifiers: [{ type: 'email', value: 'Jürgen.Müller@Bücher.de' }],
          traits: { city: '東京' },
        }),
      );
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
  });

  it('answers 401 without a key and with a malformed or unknown key', async () => {
    expectProblem(await request(t.app).post(path).send(trackEvent()), 401);
    expectProblem(
      await request(t.app).post(path).set('Authorization', 'Bearer nope').send(trackEvent()),
      401,
    );
    const unknown = `Bearer cdp_wk_${'A'.repeat(43)}`;
    expectProblem(
      await request(t.app).post(path).set('Authorization', unknown).send(trackEvent()),
      401,
    );
  });

  it('answers 404 problem+json for an unknown route', async () => {
    expectProblem(
      await request(t.app).get('/api/v1/cdp/nothing-here').set('Authorization', t.writeAuth),
      404,
    );
  });

  it('writes nothing when every event of a batch is rejected', async () => {
    const before = await t.testDb.db
      .selectFrom('cdp_event_dedupe')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await postRaw(
      JSON.stringify({ events: [{ event_id: 'only-bad', type: 'track' }] }),
    );
    expectProblem(res, 400);
    expect(res.body.errors[0].path).toMatch(/^events\.0\./);
    const after = await t.testDb.db
      .selectFrom('cdp_event_dedupe')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
