import { POSTHOG_ROUTES, splitPosthogBody } from './posthog-body';
import { POSTHOG_FIXTURES } from './testing';

const WRITE_KEY = 'cdp_wk_Zm9yLWZpeHR1cmVzLW9ubHktbm90LWEtcmVhbC1rZXk';

describe('POSTHOG_ROUTES', () => {
  it.each(['/batch', '/e', '/i/v0/e', '/capture'].flatMap((route) => [route, `${route}/`]))(
    '%s is taken',
    (path) => {
      expect(splitPosthogBody(path, { event: 'E', distinct_id: 'd' }).ok).toBe(true);
    },
  );

  it('are the four of SPEC §10', () => {
    expect([...POSTHOG_ROUTES].sort()).toEqual(['/batch', '/capture', '/e', '/i/v0/e']);
  });
});

describe('splitPosthogBody', () => {
  it.each(POSTHOG_FIXTURES.map((f) => [f.call, f] as const))(
    'posthog-node %s',
    (_call, fixture) => {
      const body = fixture.request.body as { batch: unknown[]; sent_at: string };
      expect(splitPosthogBody(fixture.request.path, body)).toEqual({
        ok: true,
        messages: body.batch,
        sentAt: body.sent_at,
        writeKey: WRITE_KEY,
      });
    },
  );

  const event = { event: 'E', distinct_id: 'd' };
  it.each<[string, unknown, unknown[], unknown, string | undefined]>([
    [
      'one event with api_key',
      { ...event, api_key: 'k1' },
      [{ ...event, api_key: 'k1' }],
      undefined,
      'k1',
    ],
    [
      'one event with token',
      { ...event, token: 'k2' },
      [{ ...event, token: 'k2' }],
      undefined,
      'k2',
    ],
    [
      'one event with the token in its properties (posthog-js)',
      { ...event, properties: { token: 'k3' } },
      [{ ...event, properties: { token: 'k3' } }],
      undefined,
      'k3',
    ],
    ['a list of events', [event, event], [event, event], undefined, undefined],
    [
      '{ batch } with a root token',
      { token: 'k4', batch: [event], sent_at: 's' },
      [event],
      's',
      'k4',
    ],
    [
      '{ batch } keyed in its first event',
      { batch: [{ ...event, api_key: 'k5' }, event] },
      [{ ...event, api_key: 'k5' }, event],
      undefined,
      'k5',
    ],
    ['a list whose first element is no object', ['x'], ['x'], undefined, undefined],
  ])('%s', (_case, body, messages, sentAt, writeKey) => {
    expect(splitPosthogBody('/e/', body)).toEqual({ ok: true, messages, sentAt, writeKey });
  });

  it.each<[string, string, unknown, { path: string; message: string }]>([
    ['an unknown route', '/decide', {}, { path: '', message: 'is not a PostHog route' }],
    [
      'a body that is text',
      '/batch/',
      'x',
      { path: '', message: 'must be a JSON object or array' },
    ],
    [
      'a batch that is not a list',
      '/batch/',
      { batch: 'x' },
      { path: 'batch', message: 'must be an array' },
    ],
    [
      'an empty batch',
      '/batch/',
      { batch: [] },
      { path: 'batch', message: 'must hold at least one event' },
    ],
    ['an empty list', '/e', [], { path: 'batch', message: 'must hold at least one event' }],
  ])('rejects %s', (_case, path, body, error) => {
    expect(splitPosthogBody(path, body)).toEqual({ ok: false, errors: [error] });
  });
});
