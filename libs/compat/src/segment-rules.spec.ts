import { segmentMessageToEvent } from './segment';

const RECEIVED_AT = new Date('2026-11-20T12:00:00.000Z');
const map = (message: unknown, sentAt?: unknown) =>
  segmentMessageToEvent(message, { sentAt, receivedAt: RECEIVED_AT });

const track = { type: 'track', event: 'Order Completed', userId: 'crm-4711' };
const identify = { type: 'identify', userId: 'crm-4711' };

describe('segmentMessageToEvent rejects what cannot be an event, naming the field', () => {
  it.each<[string, unknown, unknown, { path: string; message: string }[]]>([
    ['not an object', 'track', undefined, [{ path: '', message: 'must be a JSON object' }]],
    ['an array', [track], undefined, [{ path: '', message: 'must be a JSON object' }]],
    [
      'no type',
      { ...track, type: undefined },
      undefined,
      [{ path: 'type', message: 'is required' }],
    ],
    [
      'an unknown type',
      { ...track, type: 'purchase' },
      undefined,
      [{ path: 'type', message: 'must be one of identify, track, page, screen, group, alias' }],
    ],
    [
      'neither userId nor anonymousId',
      { type: 'track', event: 'Order Completed' },
      undefined,
      [{ path: 'userId', message: 'is required when there is no anonymousId' }],
    ],
    [
      'a blank userId and no anonymousId',
      { ...track, userId: '  ' },
      undefined,
      [{ path: 'userId', message: 'is required when there is no anonymousId' }],
    ],
    [
      'an object for userId',
      { ...track, userId: { id: 1 } },
      undefined,
      [{ path: 'userId', message: 'must be a string' }],
    ],
    [
      'a track without event',
      { ...track, event: undefined },
      undefined,
      [{ path: 'event', message: 'is required for track' }],
    ],
    [
      'a track with a blank event',
      { ...track, event: ' ' },
      undefined,
      [{ path: 'event', message: 'is required for track' }],
    ],
    [
      'a track with a numeric event',
      { ...track, event: 7 },
      undefined,
      [{ path: 'event', message: 'must be a string' }],
    ],
    [
      'a track with a 256-character event',
      { ...track, event: 'x'.repeat(256) },
      undefined,
      [{ path: 'event', message: 'must be at most 255 characters' }],
    ],
    [
      'a page with a numeric name',
      { type: 'page', anonymousId: 'a-1', name: 3 },
      undefined,
      [{ path: 'name', message: 'must be a string' }],
    ],
    [
      'an alias without previousId',
      { type: 'alias', userId: 'crm-4711' },
      undefined,
      [{ path: 'previousId', message: 'is required for alias' }],
    ],
    [
      'an alias without userId',
      { type: 'alias', anonymousId: 'a-1', previousId: 'a-0' },
      undefined,
      [{ path: 'userId', message: 'is required for alias' }],
    ],
    [
      'a group without groupId',
      { type: 'group', userId: 'crm-4711' },
      undefined,
      [{ path: 'groupId', message: 'is required for group' }],
    ],
    [
      'traits that are a string',
      { ...identify, traits: 'pro' },
      undefined,
      [{ path: 'traits', message: 'must be a JSON object' }],
    ],
    [
      'properties that are an array',
      { ...track, properties: [1] },
      undefined,
      [{ path: 'properties', message: 'must be a JSON object' }],
    ],
    [
      'a context that is a string',
      { ...track, context: 'web' },
      undefined,
      [{ path: 'context', message: 'must be a JSON object' }],
    ],
    [
      'context.traits that are an array',
      { ...track, context: { traits: [] } },
      undefined,
      [{ path: 'context.traits', message: 'must be a JSON object' }],
    ],
    [
      'a numeric messageId',
      { ...track, messageId: 12 },
      undefined,
      [{ path: 'messageId', message: 'must be a string' }],
    ],
    [
      'a 129-character messageId',
      { ...track, messageId: 'm'.repeat(129) },
      undefined,
      [{ path: 'messageId', message: 'must be at most 128 characters' }],
    ],
    [
      'an unreadable timestamp',
      { ...track, timestamp: 'yesterday' },
      undefined,
      [
        {
          path: 'timestamp',
          message: 'must be an ISO 8601 date-time, like 2026-11-20T10:15:00.000Z',
        },
      ],
    ],
    [
      'an unreadable originalTimestamp',
      { ...track, originalTimestamp: 1700000000 },
      undefined,
      [
        {
          path: 'originalTimestamp',
          message: 'must be an ISO 8601 date-time, like 2026-11-20T10:15:00.000Z',
        },
      ],
    ],
    [
      "an unreadable batch's sentAt",
      track,
      'now',
      [{ path: 'sentAt', message: 'must be an ISO 8601 date-time, like 2026-11-20T10:15:00.000Z' }],
    ],
    [
      'an email trait that is a list',
      { ...identify, traits: { email: ['jane.doe@example.com'] } },
      undefined,
      [{ path: 'traits.email', message: 'must be a string' }],
    ],
    [
      'several faults at once',
      { type: 'track', properties: 'x', context: { device: { id: true } } },
      undefined,
      [
        { path: 'properties', message: 'must be a JSON object' },
        { path: 'context.device.id', message: 'must be a string' },
        { path: 'userId', message: 'is required when there is no anonymousId' },
      ],
    ],
  ])('%s', (_case, message, sentAt, errors) => {
    const mapped = map(message, sentAt);
    expect(mapped).toEqual({ ok: false, errors });
    // Rejections name fields; they never quote what was sent.
    expect(JSON.stringify(mapped)).not.toContain('jane.doe');
  });
});

describe('segmentMessageToEvent reads what producers really send', () => {
  const identifiersOf = (message: unknown) => {
    const mapped = map(message);
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    return mapped.event.identifiers;
  };

  it.each<[string, Record<string, unknown>, { type: string; value: string }[]]>([
    [
      'a numeric userId, as its decimal text',
      { ...track, userId: 42 },
      [{ type: 'external_id', value: '42' }],
    ],
    [
      'a blank userId beside an anonymousId: only the anonymousId',
      { ...track, userId: '', anonymousId: 'a-1' },
      [{ type: 'anonymous_id', value: 'a-1' }],
    ],
    [
      'the same email in traits and context.traits, once',
      {
        ...identify,
        traits: { email: 'Jane@Example.com' },
        context: { traits: { email: 'jane@example.com ' } },
      },
      [
        { type: 'external_id', value: 'crm-4711' },
        { type: 'email', value: 'Jane@Example.com' },
      ],
    ],
    [
      'a numeric phone trait',
      { ...identify, traits: { phone: 4155550100 } },
      [
        { type: 'external_id', value: 'crm-4711' },
        { type: 'phone', value: '4155550100' },
      ],
    ],
    [
      "a group's own email: not the person's",
      {
        type: 'group',
        userId: 'crm-4711',
        groupId: 'g',
        traits: { email: 'billing@acme.example' },
      },
      [{ type: 'external_id', value: 'crm-4711' }],
    ],
    [
      'an email trait on a track: not an identify, so not read',
      { ...track, traits: { email: 'jane@example.com' } },
      [{ type: 'external_id', value: 'crm-4711' }],
    ],
    [
      'a null email trait',
      { ...identify, traits: { email: null } },
      [{ type: 'external_id', value: 'crm-4711' }],
    ],
  ])('%s', (_case, message, identifiers) => {
    expect(identifiersOf(message)).toEqual(identifiers);
  });

  it.each<
    [string, Record<string, unknown>, string | undefined, Record<string, unknown> | undefined]
  >([
    ['a page without a name', { type: 'page', anonymousId: 'a-1' }, undefined, {}],
    ['a page with an empty name', { type: 'page', anonymousId: 'a-1', name: '' }, undefined, {}],
    [
      'a screen with a category: kept among the properties',
      { type: 'screen', anonymousId: 'a-1', name: 'Cart', category: 'Shop' },
      'Cart',
      { category: 'Shop' },
    ],
    [
      'a page whose properties have their own category: theirs is kept',
      { type: 'page', anonymousId: 'a-1', category: 'Docs', properties: { category: 'Help' } },
      undefined,
      { category: 'Help' },
    ],
    [
      'a group with a numeric groupId and no traits',
      { type: 'group', userId: 'u', groupId: 7 },
      'Group',
      { groupId: '7', traits: {} },
    ],
    ['an identify without properties', identify, undefined, undefined],
    [
      'an alias with properties',
      { type: 'alias', userId: 'u', previousId: 'p', properties: { via: 'sso' } },
      undefined,
      { via: 'sso' },
    ],
  ])('%s', (_case, message, name, properties) => {
    const mapped = map(message);
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    expect(mapped.event.name).toBe(name);
    expect(mapped.event.properties).toEqual(properties);
  });

  it('keeps identify traits that are not identifiers, and none when none were sent', () => {
    const withTraits = map({ ...identify, traits: { email: 'jane@example.com', plan: 'pro' } });
    const without = map(identify);
    expect(withTraits.ok && withTraits.event.traits).toEqual({ plan: 'pro' });
    expect(without.ok && 'traits' in without.event).toBe(false);
  });
});
