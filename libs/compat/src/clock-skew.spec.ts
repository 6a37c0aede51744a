import type { CompatEvent, MappedEvent } from './mapped-event';
import { posthogMessageToEvent } from './posthog';
import { segmentMessageToEvent } from './segment';
import { POSTHOG_FIXTURES, RUDDERSTACK_FIXTURES, SEGMENT_FIXTURES } from './testing';
import type { VendorFixture } from './testing';

/**
 * The ingest path's correction (apps/ingest-api normalize-event, SPEC §4): with `sent_at`,
 * `timestamp + (received_at − sent_at)`; without, `timestamp`; without a timestamp, the
 * receive time. Written out here because libraries do not import apps.
 */
function stored(event: CompatEvent, receivedAt: Date): string {
  if (event.timestamp === undefined) return receivedAt.toISOString();
  const at = Date.parse(event.timestamp);
  if (event.sent_at === undefined) return new Date(at).toISOString();
  return new Date(at + receivedAt.getTime() - Date.parse(event.sent_at)).toISOString();
}

const MINUTE = 60_000;
const SKEWS: [string, number][] = [
  ['a client clock 5 minutes slow', 5 * MINUTE],
  ['a client clock 3 hours fast', -3 * 60 * MINUTE],
  ['a client clock right', 0],
];

type Map = (message: unknown, batch: { sentAt?: unknown; receivedAt: Date }) => MappedEvent;
interface Batch {
  name: string;
  map: Map;
  fixture: VendorFixture;
  sentAt: string;
  /** The client's own clock reading of each message: the time SPEC §10 corrects. */
  clientTimes: string[];
}

function batchOf(name: string, map: Map, fixture: VendorFixture, sentAtKey: string): Batch {
  const body = fixture.request.body as Record<string, unknown> & {
    batch: Record<string, unknown>[];
  };
  return {
    name,
    map,
    fixture,
    sentAt: body[sentAtKey] as string,
    clientTimes: body.batch.map((m) => (m.originalTimestamp ?? m.timestamp) as string),
  };
}

const BATCHES = [
  batchOf(
    'analytics-node batch',
    segmentMessageToEvent,
    SEGMENT_FIXTURES.find((f) => f.call === 'batch')!,
    'sentAt',
  ),
  batchOf(
    'rudder-sdk-node batch',
    segmentMessageToEvent,
    RUDDERSTACK_FIXTURES.find((f) => f.call === 'batch-2')!,
    'sentAt',
  ),
  batchOf(
    'posthog-node batch',
    posthogMessageToEvent,
    POSTHOG_FIXTURES.find((f) => f.call === 'batch')!,
    'sent_at',
  ),
];

describe('clock skew: timestamp = receivedAt − (sentAt − originalTimestamp), the root sentAt for every message', () => {
  it.each(
    BATCHES.flatMap((batch) =>
      SKEWS.map(([skewName, skew]) => [batch.name, skewName, batch, skew] as const),
    ),
  )('%s, %s', (_batch, _skew, batch, skew) => {
    expect(batch.clientTimes.length).toBeGreaterThan(1);
    // The request reaches the server `skew` ms (plus no transit) after the client's sentAt.
    const receivedAt = new Date(Date.parse(batch.sentAt) + skew);
    const messages = (batch.fixture.request.body as { batch: unknown[] }).batch;
    const times = messages.map((message) => {
      const mapped = batch.map(message, { sentAt: batch.sentAt, receivedAt });
      if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
      return stored(mapped.event, receivedAt);
    });
    const expected = batch.clientTimes.map((original) =>
      new Date(
        receivedAt.getTime() - (Date.parse(batch.sentAt) - Date.parse(original)),
      ).toISOString(),
    );
    expect(times).toEqual(expected);
  });

  it('applies the root sentAt, not a message sentAt that differs from it', () => {
    const message = {
      type: 'track',
      event: 'E',
      userId: 'u',
      originalTimestamp: '2026-11-20T10:00:00.000Z',
      sentAt: '2026-11-20T10:30:00.000Z',
    };
    const receivedAt = new Date('2026-11-20T10:00:02.000Z');
    const mapped = segmentMessageToEvent(message, {
      sentAt: '2026-11-20T10:00:01.000Z',
      receivedAt,
    });
    expect(mapped.ok && stored(mapped.event, receivedAt)).toBe('2026-11-20T10:00:01.000Z');
  });

  it("falls back to a message's own sentAt when the request has none (analytics.js single calls)", () => {
    const message = {
      type: 'track',
      event: 'E',
      userId: 'u',
      timestamp: '2026-11-20T10:00:00.000Z',
      sentAt: '2026-11-20T10:00:01.000Z',
    };
    const receivedAt = new Date('2026-11-20T10:05:01.000Z');
    const mapped = segmentMessageToEvent(message, { receivedAt });
    expect(mapped.ok && stored(mapped.event, receivedAt)).toBe('2026-11-20T10:05:00.000Z');
  });

  it('takes a timestamp set beside originalTimestamp (a RudderStack historical import) as given', () => {
    const message = {
      type: 'track',
      event: 'E',
      userId: 'u',
      timestamp: '2024-01-01T00:00:00.000Z',
      originalTimestamp: '2026-11-20T10:00:00.000Z',
    };
    const receivedAt = new Date('2026-11-20T11:00:00.000Z');
    const mapped = segmentMessageToEvent(message, {
      sentAt: '2026-11-20T10:00:01.000Z',
      receivedAt,
    });
    expect(mapped.ok && mapped.event).toMatchObject({ timestamp: '2024-01-01T00:00:00.000Z' });
    expect(mapped.ok && stored(mapped.event, receivedAt)).toBe('2024-01-01T00:00:00.000Z');
  });

  it('leaves a message without any time to the receive time', () => {
    const receivedAt = new Date('2026-11-20T11:00:00.000Z');
    const mapped = segmentMessageToEvent(
      { type: 'track', event: 'E', userId: 'u' },
      { sentAt: '2026-11-20T10:00:01.000Z', receivedAt },
    );
    expect(mapped.ok && stored(mapped.event, receivedAt)).toBe(receivedAt.toISOString());
  });
});

describe('PostHog times, as its ingestion reads them', () => {
  const receivedAt = new Date('2026-11-20T11:00:00.000Z');
  const event = { event: 'E', distinct_id: 'd' };
  it.each<[string, Record<string, unknown>, unknown, string]>([
    [
      'timestamp and sent_at: corrected',
      { ...event, timestamp: '2026-11-20T10:59:00.000Z' },
      '2026-11-20T10:59:30.000Z',
      '2026-11-20T10:59:30.000Z',
    ],
    [
      'timestamp without sent_at: as given',
      { ...event, timestamp: '2026-11-20T10:59:00.000Z' },
      undefined,
      '2026-11-20T10:59:00.000Z',
    ],
    [
      '$ignore_sent_at: as given',
      { ...event, timestamp: '2026-11-20T10:59:00.000Z', properties: { $ignore_sent_at: true } },
      '2026-11-20T10:59:30.000Z',
      '2026-11-20T10:59:00.000Z',
    ],
    [
      'offset without timestamp: that long before the receive time',
      { ...event, offset: 1500 },
      '2026-11-20T10:00:00.000Z',
      '2026-11-20T10:59:58.500Z',
    ],
    ['neither: the receive time', event, '2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z'],
  ])('%s', (_case, message, sentAt, expected) => {
    const mapped = posthogMessageToEvent(message, { sentAt, receivedAt });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    expect(stored(mapped.event, receivedAt)).toBe(expected);
  });
});
