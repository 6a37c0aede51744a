import { SEGMENT_ROUTES, splitSegmentBody } from './segment-body';
import { RUDDERSTACK_FIXTURES, SEGMENT_FIXTURES } from './testing';

const WRITE_KEY = 'cdp_wk_Zm9yLWZpeHR1cmVzLW9ubHktbm90LWEtcmVhbC1rZXk';

describe('SEGMENT_ROUTES', () => {
  it('are the routes of SPEC §10, long and short', () => {
    const long = ['track', 'identify', 'page', 'screen', 'group', 'alias', 'batch'];
    expect(Object.keys(SEGMENT_ROUTES).sort()).toEqual(
      [...long, ...long.map((name) => name.charAt(0))].map((name) => `/v1/${name}`).sort(),
    );
    for (const name of long) {
      expect(SEGMENT_ROUTES[`/v1/${name}`]).toBe(name);
      expect(SEGMENT_ROUTES[`/v1/${name.charAt(0)}`]).toBe(name);
    }
  });
});

describe('splitSegmentBody on the captured requests', () => {
  it.each(SEGMENT_FIXTURES.map((f) => [f.call, f] as const))(
    'analytics-node %s',
    (_call, fixture) => {
      const body = fixture.request.body as { batch: unknown[]; sentAt: string };
      expect(splitSegmentBody(fixture.request.path, body)).toEqual({
        ok: true,
        messages: body.batch,
        sentAt: body.sentAt,
        writeKey: WRITE_KEY,
      });
    },
  );

  it.each(RUDDERSTACK_FIXTURES.map((f) => [f.call, f] as const))(
    'rudder-sdk-node %s: no write key in the body (it is only in Basic auth)',
    (_call, fixture) => {
      const body = fixture.request.body as { batch: unknown[]; sentAt: string };
      expect(splitSegmentBody(fixture.request.path, body)).toEqual({
        ok: true,
        messages: body.batch,
        sentAt: body.sentAt,
        writeKey: undefined,
      });
    },
  );
});

describe('splitSegmentBody', () => {
  const message = { event: 'Clicked', anonymousId: 'a-1', sentAt: '2026-11-20T10:00:01.000Z' };

  it.each([
    ['/v1/t', 'track'],
    ['/v1/track/', 'track'],
    ['/v1/identify?ajs=1', 'identify'],
    ['/v1/p', 'page'],
    ['/v1/s', 'screen'],
    ['/v1/g', 'group'],
    ['/v1/a', 'alias'],
  ])('%s: the body is one %s message, sentAt and writeKey its own', (path, type) => {
    expect(splitSegmentBody(path, { ...message, type: 'ignored', writeKey: 'wk' })).toEqual({
      ok: true,
      messages: [{ ...message, type, writeKey: 'wk' }],
      sentAt: message.sentAt,
      writeKey: 'wk',
    });
  });

  it("puts the batch's context under each message's own", () => {
    const split = splitSegmentBody('/v1/b', {
      batch: [
        { type: 'track', context: { ip: '203.0.113.9', locale: 'de-DE' } },
        { type: 'track' },
        { type: 'track', context: 'broken' },
        'not a message',
      ],
      context: { ip: '203.0.113.7', library: { name: 'analytics-python' } },
    });
    expect(split.ok && split.messages).toEqual([
      {
        type: 'track',
        context: { ip: '203.0.113.9', locale: 'de-DE', library: { name: 'analytics-python' } },
      },
      { type: 'track', context: { ip: '203.0.113.7', library: { name: 'analytics-python' } } },
      { type: 'track', context: 'broken' },
      'not a message',
    ]);
  });

  it("takes the first message's writeKey when the batch has none", () => {
    const split = splitSegmentBody('/v1/batch', {
      batch: [{ writeKey: 'wk-1' }, { writeKey: 'wk-2' }],
    });
    expect(split.ok && split.writeKey).toBe('wk-1');
  });

  it.each<[string, string, unknown, { path: string; message: string }]>([
    [
      'an unknown route',
      '/v2/track',
      {},
      { path: '', message: 'is not a Segment or RudderStack route' },
    ],
    ['a body that is a list', '/v1/batch', [], { path: '', message: 'must be a JSON object' }],
    [
      'a single call that is text',
      '/v1/track',
      'hello',
      { path: '', message: 'must be a JSON object' },
    ],
    [
      'a batch that is not a list',
      '/v1/batch',
      { batch: {} },
      { path: 'batch', message: 'must be an array' },
    ],
    [
      'an empty batch',
      '/v1/batch',
      { batch: [] },
      { path: 'batch', message: 'must hold at least one message' },
    ],
  ])('rejects %s', (_case, path, body, error) => {
    expect(splitSegmentBody(path, body)).toEqual({ ok: false, errors: [error] });
  });
});
