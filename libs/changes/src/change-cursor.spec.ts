import {
  FEED_START,
  compareChangeCursors,
  formatChangeCursor,
  isChangeCursor,
  parseChangeCursor,
} from './change-cursor';

describe('change cursors', () => {
  it('round-trips xids and ids beyond a JS number', () => {
    const cursor = formatChangeCursor(18446744073709551615n, '9223372036854775807');
    expect(cursor).toBe('18446744073709551615:9223372036854775807');
    expect(parseChangeCursor(cursor)).toEqual({
      xid: '18446744073709551615',
      changeId: '9223372036854775807',
    });
  });

  it.each([
    ['0:0', '0:1', -1],
    ['5:9', '6:1', -1],
    ['10:1', '9:100', 1],
    ['7:7', '07:7', 0],
  ])('compares %s with %s', (a, b, expected) => {
    expect(compareChangeCursors(a, b)).toBe(expected);
  });

  it.each([
    ['1:2', true],
    [FEED_START, true],
    ['1-2', false],
    [':1', false],
    ['a:1', false],
    [12, false],
  ])('recognizes %p as a cursor: %p', (value, expected) => {
    expect(isChangeCursor(value)).toBe(expected);
  });

  it('refuses a malformed cursor', () => {
    expect(() => parseChangeCursor('1;DROP')).toThrow(RangeError);
  });
});
