import { decodeRejectedCursor, encodeRejectedCursor } from './rejected-cursor';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('rejected-events cursor', () => {
  it('round-trips a position', () => {
    expect(decodeRejectedCursor(encodeRejectedCursor(42))).toBe(42);
  });

  it.each([
    ['not base64url', '***'],
    ['not JSON', b64('{')],
    ['an array', b64('[1]')],
    ['another member', b64('{"s":1,"t":2}')],
    ['a string seq', b64('{"s":"1"}')],
    ['zero', b64('{"s":0}')],
    ['a fraction', b64('{"s":1.5}')],
    ['an unsafe integer', b64('{"s":9007199254740993}')],
  ])('refuses %s', (_name, text) => {
    expect(decodeRejectedCursor(text)).toBeUndefined();
  });
});
