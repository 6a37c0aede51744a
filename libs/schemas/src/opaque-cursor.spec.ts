import { decodeCursor, encodeCursor } from './opaque-cursor';

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('opaque cursors', () => {
  it('round-trips a position and writes what Buffer writes', () => {
    const position = { t: '2026-11-24T10:00:00.123456Z', e: 'évènement-1' };
    const text = encodeCursor(position);
    expect(text).toBe(base64url(JSON.stringify(position)));
    expect(decodeCursor(text, ['e', 't'])).toEqual(position);
  });

  it.each([
    ['other members', base64url('{"x":1}')],
    ['an extra member', base64url('{"s":1,"x":1}')],
    ['a missing member', base64url('{}')],
    ['an array', base64url('[1]')],
    ['null', base64url('null')],
    ['not JSON', base64url('{s:1}')],
    ['characters outside base64url', 'eyJzIjoxfQ=='],
    ['an empty text', ''],
  ])('refuses %s', (_case, text) => {
    expect(decodeCursor(text, ['s'])).toBeUndefined();
  });
});
