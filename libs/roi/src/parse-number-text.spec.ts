import { parseNumberText } from './parse-number-text';

describe('parseNumberText', () => {
  it.each([
    ['250000', 250_000],
    ['250,000', 250_000],
    ['1,234,567.89', 1_234_567.89],
    ['1.234.567,89', 1_234_567.89],
    ['1.000.000', 1_000_000],
    ['2.5', 2.5],
    ['2,5', 2.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1,000.', 1000],
    ['1.000,', 1000],
    ['  42  ', 42],
    ['1 000 000', 1_000_000],
    ['1\u202f000', 1000],
    ["1'000", 1000],
    ['1_000', 1000],
    ['$85', 85],
    ['€ 1.200,50', 1200.5],
    ['2.5%', 2.5],
    ['-3', -3],
    ['+3', 3],
    ['0', 0],
  ])('reads %j as %d', (text, expected) => {
    expect(parseNumberText(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '   ', '$', '%'])('calls %j empty', (text) => {
    expect(parseNumberText(text)).toEqual({ ok: false, reason: 'empty' });
  });

  it.each([
    'abc',
    '12abc',
    '1e5',
    '.',
    '-',
    '1,5,5',
    '1,2,3.4',
    '1.234,5,6',
    '12.34,5',
    '12,34,567',
    '1..2',
    '0x10',
    'Infinity',
  ])('refuses %j as not a number', (text) => {
    expect(parseNumberText(text)).toEqual({ ok: false, reason: 'not-a-number' });
  });

  it('returns Infinity for a number too long for a double, so the range check can word it', () => {
    expect(parseNumberText('9'.repeat(400))).toEqual({ ok: true, value: Infinity });
  });
});
