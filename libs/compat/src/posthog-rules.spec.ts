import { posthogMessageToEvent } from './posthog';

const RECEIVED_AT = new Date('2026-11-20T12:00:00.000Z');
const map = (message: unknown, sentAt?: unknown) =>
  posthogMessageToEvent(message, { sentAt, receivedAt: RECEIVED_AT });

const capture = { event: 'Order Completed', distinct_id: 'd-1' };
const DATE_MESSAGE = 'must be an ISO 8601 date-time, like 2026-11-20T10:15:00.000Z';

describe('posthogMessageToEvent rejects what cannot be an event, naming the field', () => {
  it.each<[string, unknown, unknown, { path: string; message: string }[]]>([
    ['not an object', 42, undefined, [{ path: '', message: 'must be a JSON object' }]],
    ['no event', { distinct_id: 'd-1' }, undefined, [{ path: 'event', message: 'is required' }]],
    [
      'a blank event',
      { ...capture, event: '' },
      undefined,
      [{ path: 'event', message: 'is required' }],
    ],
    [
      'a numeric event',
      { ...capture, event: 1 },
      undefined,
      [{ path: 'event', message: 'must be a string' }],
    ],
    [
      'a 256-character event',
      { ...capture, event: 'e'.repeat(256) },
      undefined,
      [{ path: 'event', message: 'must be at most 255 characters' }],
    ],
    [
      'no distinct_id',
      { event: 'E' },
      undefined,
      [{ path: 'distinct_id', message: 'is required' }],
    ],
    [
      'a blank distinct_id',
      { ...capture, distinct_id: ' ' },
      undefined,
      [{ path: 'distinct_id', message: 'is required' }],
    ],
    [
      'an object for distinct_id',
      { ...capture, distinct_id: { id: 'jane.doe@example.com' } },
      undefined,
      [{ path: 'distinct_id', message: 'must be a string' }],
    ],
    [
      'properties that are a list',
      { ...capture, properties: [] },
      undefined,
      [{ path: 'properties', message: 'must be a JSON object' }],
    ],
    [
      'a $set that is a string',
      { ...capture, properties: { $set: 'pro' } },
      undefined,
      [{ path: 'properties.$set', message: 'must be a JSON object' }],
    ],
    [
      'a top-level $set_once that is a list',
      { ...capture, $set_once: [] },
      undefined,
      [{ path: '$set_once', message: 'must be a JSON object' }],
    ],
    [
      'an email in $set that is an object',
      { ...capture, properties: { $set: { email: { value: 'jane.doe@example.com' } } } },
      undefined,
      [{ path: 'properties.$set.email', message: 'must be a string' }],
    ],
    [
      'a $create_alias without alias',
      { event: '$create_alias', distinct_id: 'd-1' },
      undefined,
      [{ path: 'properties.alias', message: 'is required for $create_alias' }],
    ],
    [
      'a numeric uuid',
      { ...capture, uuid: 5 },
      undefined,
      [{ path: 'uuid', message: 'must be a string' }],
    ],
    [
      'an unreadable timestamp',
      { ...capture, timestamp: 'soon' },
      undefined,
      [{ path: 'timestamp', message: DATE_MESSAGE }],
    ],
    ['an unreadable sent_at', capture, '17:00', [{ path: 'sent_at', message: DATE_MESSAGE }]],
    [
      'a negative offset',
      { ...capture, offset: -5 },
      undefined,
      [{ path: 'offset', message: 'must be a number of milliseconds, 0 or more' }],
    ],
    [
      'an offset that is text',
      { ...capture, offset: '5' },
      undefined,
      [{ path: 'offset', message: 'must be a number of milliseconds, 0 or more' }],
    ],
  ])('%s', (_case, message, sentAt, errors) => {
    const mapped = map(message, sentAt);
    expect(mapped).toEqual({ ok: false, errors });
    expect(JSON.stringify(mapped)).not.toContain('jane.doe');
  });
});

describe('posthogMessageToEvent reads what PostHog clients really send', () => {
  const mapped = (message: unknown) => {
    const result = map(message);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  };

  it('reads a distinct_id and the write key from properties (posthog-js), storing neither', () => {
    const { event, identifierPaths } = mapped({
      event: 'Clicked',
      properties: { distinct_id: 'd-9', token: 'cdp_wk_x', button: 'buy' },
    });
    expect(event.identifiers).toEqual([{ type: 'anonymous_id', value: 'd-9' }]);
    expect(identifierPaths).toEqual(['properties.distinct_id']);
    expect(event.properties).toEqual({ button: 'buy' });
  });

  it('merges a top-level $set (posthog-js) over properties.$set, and takes identifiers from both', () => {
    const { event } = mapped({
      event: '$identify',
      distinct_id: 'u-1',
      $set: { plan: 'pro', email: 'jane@example.com' },
      properties: { $set: { plan: 'free', seats: 3, phone: '+14155550100' } },
    });
    expect(event.traits).toEqual({ plan: 'pro', seats: 3 });
    expect(event.identifiers).toEqual([
      { type: 'anonymous_id', value: 'u-1' },
      { type: 'external_id', value: 'u-1' },
      { type: 'email', value: 'jane@example.com' },
      { type: 'phone', value: '+14155550100' },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, string | undefined]>([
    [
      '$set: an identify',
      { event: '$set', distinct_id: 'd', $set: { plan: 'pro' } },
      'identify',
      undefined,
    ],
    [
      '$merge_dangerously: an alias',
      { event: '$merge_dangerously', distinct_id: 'd', properties: { alias: 'a' } },
      'alias',
      undefined,
    ],
    ['$screen: a screen', { event: '$screen', distinct_id: 'd' }, 'screen', '$screen'],
    [
      '$groupidentify under a person: a track',
      {
        event: '$groupidentify',
        distinct_id: 'd',
        properties: { $group_type: 'company', $group_key: 'acme' },
      },
      'track',
      '$groupidentify',
    ],
  ])('%s', (_case, message, type, name) => {
    const { event } = mapped(message);
    expect(event.type).toBe(type);
    expect(event.name).toBe(name);
  });

  it('keeps an alias property on an ordinary event, and drops it from an alias event', () => {
    expect(mapped({ ...capture, properties: { alias: 'nickname' } }).event.properties).toEqual({
      alias: 'nickname',
    });
    expect(
      mapped({ event: '$create_alias', distinct_id: 'd', properties: { alias: 'a' } }).event
        .properties,
    ).toEqual({});
  });

  it('links $anon_distinct_id only on $identify, and never stores it', () => {
    const { event } = mapped({ ...capture, properties: { $anon_distinct_id: 'anon-1' } });
    expect(event.identifiers).toEqual([{ type: 'anonymous_id', value: 'd-1' }]);
    expect(event.properties).toEqual({});
  });

  it('reads a numeric distinct_id as its decimal text, and a library without version', () => {
    const { event } = mapped({ event: 'E', distinct_id: 42, library: 'posthog-python' });
    expect(event.identifiers).toEqual([{ type: 'anonymous_id', value: '42' }]);
    expect(event.context).toEqual({ library: { name: 'posthog-python' } });
  });
});
