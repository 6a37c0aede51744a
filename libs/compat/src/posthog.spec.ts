import { EventSchema } from '@stratum/schemas';
import { posthogMessageToEvent } from './posthog';
import { splitPosthogBody } from './posthog-body';
import { POSTHOG_FIXTURES } from './testing';

const USER_ID = 'crm-4711';
const ANONYMOUS_ID = '5f1c7e2a-9b3d-4c1e-8a47-0d2b6e9f4a13';
const EMAIL = 'jane.doe@example.com';
const PHONE = '+1 415 555 0100';
const LIBRARY_PROPERTIES = { $lib: 'posthog-node', $lib_version: '5.21.2', $geoip_disable: true };

interface Expected {
  type: string;
  name?: string;
  identifiers: [type: string, value: string, path: string][];
  traits?: Record<string, unknown>;
  traitsOnce?: Record<string, unknown>;
  properties: Record<string, unknown>;
}

// What each posthog-node call must become (SPEC §10: one namespace of distinct ids).
const EXPECTED: Record<string, Expected> = {
  identify: {
    type: 'identify',
    identifiers: [
      ['anonymous_id', USER_ID, 'distinct_id'],
      ['external_id', USER_ID, 'distinct_id'],
      ['anonymous_id', ANONYMOUS_ID, 'properties.$anon_distinct_id'],
      ['email', EMAIL, 'properties.$set.email'],
      ['phone', PHONE, 'properties.$set.phone'],
    ],
    traits: { plan: 'pro' },
    traitsOnce: { initial_plan: 'free' },
    properties: LIBRARY_PROPERTIES,
  },
  capture: {
    type: 'track',
    name: 'Order Completed',
    identifiers: [['anonymous_id', USER_ID, 'distinct_id']],
    traits: { plan: 'pro' },
    traitsOnce: { first_order_id: 'A-1001' },
    properties: { order_id: 'A-1001', revenue: 129.9, currency: 'EUR', ...LIBRARY_PROPERTIES },
  },
  pageview: {
    type: 'page',
    name: '$pageview',
    identifiers: [['anonymous_id', ANONYMOUS_ID, 'distinct_id']],
    properties: { $current_url: 'https://www.example.com/pricing', ...LIBRARY_PROPERTIES },
  },
  'capture-with-groups': {
    type: 'track',
    name: 'Report Exported',
    identifiers: [['anonymous_id', USER_ID, 'distinct_id']],
    properties: { format: 'csv', $groups: { company: 'acme-inc' }, ...LIBRARY_PROPERTIES },
  },
  alias: {
    type: 'alias',
    identifiers: [
      ['anonymous_id', USER_ID, 'distinct_id'],
      ['anonymous_id', ANONYMOUS_ID, 'properties.alias'],
    ],
    properties: LIBRARY_PROPERTIES,
  },
};

// posthog-node queues identify and alias at once and capture a few promise turns later.
const BATCH = ['identify', 'alias', 'capture'];

const ROWS = POSTHOG_FIXTURES.filter((f) => f.call !== 'group-identify').flatMap((fixture) => {
  const body = fixture.request.body as { batch: Record<string, unknown>[]; sent_at: string };
  const calls = fixture.call === 'batch' ? BATCH : [fixture.call];
  return body.batch.map(
    (message, index) => [fixture.call, index, calls[index]!, message, body.sent_at] as const,
  );
});
const RECEIVED_AT = new Date('2026-11-20T12:00:00.000Z');

describe('posthogMessageToEvent on events captured from posthog-node', () => {
  it('covers every call captured', () => {
    expect(new Set(ROWS.map(([, , call]) => call))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(ROWS)('%s event %i (%s) maps as the spec says', (_f, _i, call, message, sentAt) => {
    const expected = EXPECTED[call]!;
    const mapped = posthogMessageToEvent(message, { sentAt, receivedAt: RECEIVED_AT });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const { event, identifierPaths } = mapped;

    expect(event.event_id).toBe(message.uuid);
    expect(event.type).toBe(expected.type);
    expect(event.name).toBe(expected.name);
    expect(event.identifiers).toEqual(
      expected.identifiers.map(([type, value]) => ({ type, value })),
    );
    expect(identifierPaths).toEqual(expected.identifiers.map(([, , path]) => path));
    expect(event.traits).toEqual(expected.traits);
    expect(event.traits_once).toEqual(expected.traitsOnce);
    expect(event.properties).toEqual(expected.properties);
    expect(event.context).toEqual({ library: { name: 'posthog-node', version: '5.21.2' } });
    expect(event.timestamp).toBe(message.timestamp);
    expect(event.sent_at).toBe(sentAt);
    expect(EventSchema.safeParse(event).error?.issues).toBeUndefined();
    const stored = JSON.stringify({ ...event, identifiers: [] });
    for (const value of [USER_ID, ANONYMOUS_ID, EMAIL, PHONE]) expect(stored).not.toContain(value);
  });

  it("refuses posthog-node's groupIdentify: its distinct id is the group's key, no person", () => {
    const fixture = POSTHOG_FIXTURES.find((f) => f.call === 'group-identify')!;
    const split = splitPosthogBody(fixture.request.path, fixture.request.body);
    if (!split.ok) throw new Error(JSON.stringify(split.errors));
    const mapped = posthogMessageToEvent(split.messages[0], {
      sentAt: split.sentAt,
      receivedAt: RECEIVED_AT,
    });
    expect(mapped).toEqual({
      ok: false,
      errors: [
        {
          path: 'distinct_id',
          message:
            "is the group's own key: a $groupidentify without a person is not a person's event",
        },
      ],
    });
  });
});
