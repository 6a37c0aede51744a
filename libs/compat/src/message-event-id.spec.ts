import { canonicalJson, messageEventId } from './message-event-id';

describe('messageEventId', () => {
  const message = {
    type: 'track',
    event: 'Order Completed',
    userId: 'crm-4711',
    properties: { revenue: 129.9, currency: 'EUR' },
    timestamp: '2026-11-20T10:00:00.000Z',
  };
  const idOf = (m: Record<string, unknown>) => {
    const read = messageEventId(m, 'messageId');
    if (!read.ok) throw new Error(read.issue.message);
    return read.value;
  };

  it('is the message id when there is one', () => {
    expect(idOf({ ...message, messageId: 'ajs-next-1' })).toBe('ajs-next-1');
  });

  it.each([undefined, null, ''])('is a SHA-256 of the message when the id is %p', (messageId) => {
    expect(idOf({ ...message, messageId })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for a resend with new send times and keys in another order', () => {
    const resent = {
      sentAt: '2026-11-20T10:05:00.000Z',
      timestamp: message.timestamp,
      properties: { currency: 'EUR', revenue: 129.9 },
      userId: message.userId,
      event: message.event,
      type: message.type,
      sent_at: 'x',
    };
    expect(idOf(resent)).toBe(idOf({ ...message, sentAt: '2026-11-20T10:00:01.000Z' }));
  });

  it.each<[string, Record<string, unknown>]>([
    ['another time', { ...message, timestamp: '2026-11-20T10:00:00.001Z' }],
    ['another property', { ...message, properties: { revenue: 130, currency: 'EUR' } }],
    ['a nested sentAt', { ...message, properties: { ...message.properties, sentAt: 'x' } }],
  ])('differs for %s', (_case, other) => {
    expect(idOf(other)).not.toBe(idOf(message));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined and keeps arrays in order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: undefined, a: null }], a: 'x' })).toBe(
      '{"a":"x","b":[2,{"a":null,"d":1}]}',
    );
  });

  it('writes what JSON cannot hold as null', () => {
    expect(canonicalJson(undefined)).toBe('null');
  });
});
