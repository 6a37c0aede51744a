import { EventSchema } from '@stratum/schemas';
import { RUDDERSTACK_FIXTURES, SEGMENT_FIXTURES } from './testing';
import type { VendorFixture } from './testing';
import { segmentMessageToEvent } from './segment';
import { splitSegmentBody } from './segment-body';

const USER_ID = 'crm-4711';
const ANONYMOUS_ID = '5f1c7e2a-9b3d-4c1e-8a47-0d2b6e9f4a13';
const DEVICE_ID = 'b7e4a1c9-2f60-4d8e-9c35-61a0f2d7e884';
const EMAIL = 'jane.doe@example.com';
const PHONE = '+1 415 555 0100';
const RAW_VALUES = [USER_ID, ANONYMOUS_ID, DEVICE_ID, EMAIL, PHONE];

interface Expected {
  type: string;
  name?: string;
  identifiers: [type: string, value: string, path: string][];
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

// What each call of the Segment spec must become, whichever client sent it.
const EXPECTED: Record<string, Expected> = {
  identify: {
    type: 'identify',
    identifiers: [
      ['external_id', USER_ID, 'userId'],
      ['anonymous_id', ANONYMOUS_ID, 'anonymousId'],
      ['email', EMAIL, 'traits.email'],
      ['phone', PHONE, 'traits.phone'],
    ],
    traits: { plan: 'pro' },
  },
  track: {
    type: 'track',
    name: 'Order Completed',
    identifiers: [['external_id', USER_ID, 'userId']],
    properties: { order_id: 'A-1001', revenue: 129.9, currency: 'EUR' },
  },
  'track-with-context': {
    type: 'track',
    name: 'App Opened',
    identifiers: [
      ['anonymous_id', ANONYMOUS_ID, 'anonymousId'],
      ['email', EMAIL, 'context.traits.email'],
      ['device_id', DEVICE_ID, 'context.device.id'],
    ],
    properties: { from_background: false },
  },
  page: {
    type: 'page',
    name: 'Pricing',
    identifiers: [['anonymous_id', ANONYMOUS_ID, 'anonymousId']],
    properties: { path: '/pricing', url: 'https://www.example.com/pricing', category: 'Docs' },
  },
  screen: {
    type: 'screen',
    name: 'Checkout',
    identifiers: [['external_id', USER_ID, 'userId']],
    properties: { step: 2 },
  },
  group: {
    type: 'track',
    name: 'Group',
    identifiers: [['external_id', USER_ID, 'userId']],
    properties: { groupId: 'acme-inc', traits: { name: 'Acme Inc', plan: 'enterprise' } },
  },
  alias: {
    type: 'alias',
    identifiers: [
      ['external_id', USER_ID, 'userId'],
      ['anonymous_id', ANONYMOUS_ID, 'previousId'],
    ],
  },
};

// The calls inside each batch fixture, in the order the client sent them.
const BATCHES: Record<string, string[]> = {
  'segment/batch': ['identify', 'track', 'alias'],
  'rudderstack/batch-1': ['identify'],
  'rudderstack/batch-2': ['track', 'page', 'alias'],
};

type Row = [
  fixture: string,
  index: number,
  call: string,
  message: Record<string, unknown>,
  rootSentAt: string,
];

function rows(vendor: string, fixtures: readonly VendorFixture[]): Row[] {
  return fixtures.flatMap((fixture) => {
    const body = fixture.request.body as { batch: Record<string, unknown>[]; sentAt: string };
    const calls = BATCHES[`${vendor}/${fixture.call}`] ?? [fixture.call];
    expect(body.batch).toHaveLength(calls.length);
    return body.batch.map((message, index): Row => [
      `${vendor}/${fixture.call}`,
      index,
      calls[index]!,
      message,
      body.sentAt,
    ]);
  });
}

const ROWS = [...rows('segment', SEGMENT_FIXTURES), ...rows('rudderstack', RUDDERSTACK_FIXTURES)];
const RECEIVED_AT = new Date('2026-11-20T12:00:00.000Z');

describe('segmentMessageToEvent on messages captured from the real clients', () => {
  it('covers every call of the Segment spec for both clients', () => {
    const covered = (prefix: string) =>
      new Set(ROWS.filter(([f]) => f.startsWith(prefix)).map(([, , call]) => call));
    expect([...covered('segment/')].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...covered('rudderstack/')].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(ROWS)('%s message %i (%s) maps as the spec says', (_f, _i, call, message, sentAt) => {
    const expected = EXPECTED[call]!;
    const mapped = segmentMessageToEvent(message, { sentAt, receivedAt: RECEIVED_AT });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const { event, identifierPaths } = mapped;

    expect(event.event_id).toBe(message.messageId);
    expect(event.type).toBe(expected.type);
    expect(event.name).toBe(expected.name);
    expect(event.identifiers).toEqual(
      expected.identifiers.map(([type, value]) => ({ type, value })),
    );
    expect(identifierPaths).toEqual(expected.identifiers.map(([, , path]) => path));
    expect(event.traits).toEqual(expected.traits);
    expect(event.properties).toEqual(expected.properties);
    expect(event.timestamp).toBe(message.originalTimestamp ?? message.timestamp);
    expect(event.sent_at).toBe(sentAt);
  });

  it.each(ROWS)('%s message %i (%s) stores no raw identifier outside identifiers', (...row) => {
    const [, , , message, sentAt] = row;
    const mapped = segmentMessageToEvent(message, { sentAt, receivedAt: RECEIVED_AT });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const stored = JSON.stringify({ ...mapped.event, identifiers: [] });
    for (const value of RAW_VALUES) expect(stored).not.toContain(value);
  });

  it.each(ROWS)('%s message %i (%s) is an event POST /events accepts', (...row) => {
    const [, , , message, sentAt] = row;
    const mapped = segmentMessageToEvent(message, { sentAt, receivedAt: RECEIVED_AT });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    expect(EventSchema.safeParse(mapped.event).error?.issues).toBeUndefined();
  });

  it('keeps the rest of the context: library, and device and traits fields that are no identifier', () => {
    const mapped = segmentMessageToEvent(
      {
        type: 'track',
        event: 'App Opened',
        anonymousId: ANONYMOUS_ID,
        context: {
          ip: '203.0.113.7',
          device: { id: DEVICE_ID, model: 'Pixel 9' },
          traits: { email: EMAIL, name: 'Jane' },
        },
      },
      { receivedAt: RECEIVED_AT },
    );
    expect(mapped.ok && mapped.event.context).toEqual({
      ip: '203.0.113.7',
      device: { model: 'Pixel 9' },
      traits: { name: 'Jane' },
    });
  });
});

describe('splitSegmentBody then segmentMessageToEvent', () => {
  it.each(
    [...SEGMENT_FIXTURES, ...RUDDERSTACK_FIXTURES].map((f) => [f.client, f.call, f] as const),
  )('%s %s: every message of the request maps', (_client, _call, fixture) => {
    const split = splitSegmentBody(fixture.request.path, fixture.request.body);
    if (!split.ok) throw new Error(JSON.stringify(split.errors));
    const mapped = split.messages.map((m) =>
      segmentMessageToEvent(m, { sentAt: split.sentAt, receivedAt: RECEIVED_AT }),
    );
    expect(mapped.every((m) => m.ok)).toBe(true);
  });
});
