import { decodeEventCursor, encodeEventCursor } from './event-cursor';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('event cursor', () => {
  it.each([
    ['2026-11-20T10:15:00Z', 'evt-1'],
    ['2026-11-20T10:15:00.123Z', 'evt-1'],
    ['2026-11-20T10:15:00.123456Z', 'an id with spaces, "quotes" and ünïcödé'],
    ['2026-01-01T00:00:00.000000Z', 'x'.repeat(128)],
  ])('round-trips %s / %s', (occurredAt, eventId) => {
    const text = encodeEventCursor({ occurredAt, eventId });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeEventCursor(text)).toEqual({ occurredAt, eventId });
  });

  it('writes what Buffer writes as base64url, and reads it back', () => {
    for (const eventId of ['e', 'ünïcödé ☕ 🎉', 'x'.repeat(128), '+/=?']) {
      const json = JSON.stringify({ t: '2026-11-20T10:15:00Z', e: eventId });
      const text = encodeEventCursor({ occurredAt: '2026-11-20T10:15:00Z', eventId });
      expect(text).toBe(Buffer.from(json, 'utf8').toString('base64url'));
      expect(decodeEventCursor(text)?.eventId).toBe(eventId);
    }
  });

  it('is base64url JSON { t, e }', () => {
    const text = encodeEventCursor({ occurredAt: '2026-11-20T10:15:00.000001Z', eventId: 'e' });
    expect(JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))).toEqual({
      t: '2026-11-20T10:15:00.000001Z',
      e: 'e',
    });
  });

  it.each([
    ['empty', ''],
    ['not base64url', '%%%'],
    ['a length base64 cannot have', 'abcde'],
    ['standard base64 padding', `${b64('{"t":"2026-01-01T00:00:00Z","e":"x"}')}=`],
    ['not JSON', b64('hello')],
    ['a JSON string', b64('"2026-01-01T00:00:00Z"')],
    ['a JSON array', b64('["2026-01-01T00:00:00Z","x"]')],
    ['null', b64('null')],
    ['no event id', b64('{"t":"2026-01-01T00:00:00Z"}')],
    ['an extra member', b64('{"t":"2026-01-01T00:00:00Z","e":"x","x":1}')],
    ['other member names', b64('{"time":"2026-01-01T00:00:00Z","id":"x"}')],
    ['a numeric time', b64('{"t":1767225600000,"e":"x"}')],
    ['a numeric event id', b64('{"t":"2026-01-01T00:00:00Z","e":1}')],
    ['an empty event id', b64('{"t":"2026-01-01T00:00:00Z","e":""}')],
    ['a too long event id', b64(JSON.stringify({ t: '2026-01-01T00:00:00Z', e: 'x'.repeat(129) }))],
    ['an offset instead of Z', b64('{"t":"2026-01-01T00:00:00+01:00","e":"x"}')],
    ['a local time', b64('{"t":"2026-01-01T00:00:00","e":"x"}')],
    ['a date only', b64('{"t":"2026-01-01","e":"x"}')],
    ['seven fractional digits', b64('{"t":"2026-01-01T00:00:00.1234567Z","e":"x"}')],
    ['February 30th', b64('{"t":"2026-02-30T00:00:00Z","e":"x"}')],
    ['hour 25', b64('{"t":"2026-01-01T25:00:00Z","e":"x"}')],
    ['year 0000', b64('{"t":"0000-01-01T00:00:00Z","e":"x"}')],
  ])('refuses %s', (_what, text) => {
    expect(decodeEventCursor(text)).toBeUndefined();
  });
});
