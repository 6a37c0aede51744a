import { toBeaconMessage } from './beacon-message';
import type { WireEvent } from './client-event';
import { bytes } from './unload-plan';

const base: WireEvent = {
  event_id: 'evt-1',
  type: 'track',
  name: 'Signed Up',
  timestamp: '2026-11-24T10:00:00.000Z',
  identifiers: [{ type: 'anonymous_id', value: 'anon-1' }],
};

describe('toBeaconMessage', () => {
  it('says an identify with its identifiers where the Segment mapping reads them', () => {
    expect(
      toBeaconMessage({
        ...base,
        type: 'identify',
        name: undefined,
        identifiers: [
          { type: 'external_id', value: 'u-1' },
          { type: 'anonymous_id', value: 'anon-1' },
          { type: 'phone', value: '+33612345678' },
        ],
        traits: { name: 'Jane' },
        context: { locale: 'fr-FR' },
      }),
    ).toEqual({
      type: 'identify',
      messageId: 'evt-1',
      userId: 'u-1',
      anonymousId: 'anon-1',
      traits: { name: 'Jane' },
      context: { locale: 'fr-FR', traits: { phone: '+33612345678' } },
      originalTimestamp: '2026-11-24T10:00:00.000Z',
    });
  });

  it.each<[string, Partial<WireEvent>]>([
    ['a hashed identifier', { identifiers: [{ type: 'anonymous_id', hash: 'a'.repeat(64) }] }],
    [
      'two identifiers of one type',
      {
        identifiers: [
          { type: 'anonymous_id', value: 'a' },
          { type: 'anonymous_id', value: 'b' },
        ],
      },
    ],
    ['neither external_id nor anonymous_id', { identifiers: [{ type: 'email', value: 'j@x.io' }] }],
    ['an alias', { type: 'alias' }],
    ['a track without a name', { name: undefined }],
    ['identify traits holding an email', { type: 'identify', traits: { email: 'j@x.io' } }],
    ['a context with its own traits', { context: { traits: { plan: 'pro' } } }],
    ['a context with its own device', { context: { device: { model: 'x' } } }],
  ])('cannot say %s', (_case, change) => {
    expect(toBeaconMessage({ ...base, ...change })).toBeUndefined();
  });
});

describe('bytes', () => {
  it.each([
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud800x', 4],
  ])('counts %s as %i UTF-8 bytes', (text, expected) => {
    expect(bytes(text)).toBe(expected);
  });
});
