import pg from 'pg';
import { utcTimestampParser } from './utc-timestamp';

const TIMESTAMPTZ_OID = 1184;
const pgParser = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => unknown;
const parse = utcTimestampParser(pgParser);

describe('utcTimestampParser', () => {
  it.each([
    '2026-11-25 08:08:21+00',
    '2026-11-25 08:08:21.5+00',
    '2026-11-25 08:08:21.05+00',
    '2026-11-25 08:08:21.123+00',
    '2026-11-25 08:08:21.123456+00',
    '2026-11-25 08:08:21.999999+00',
    '2024-02-29 23:59:59.000001+00',
    '1970-01-01 00:00:00+00',
    '0100-03-01 12:00:00+00',
  ])('reads %s as pg does', (text) => {
    expect(parse(text)).toEqual(pgParser(text));
    expect(parse(text)).toBeInstanceOf(Date);
  });

  it('reads every millisecond and microsecond the way pg does', () => {
    for (let ms = 0; ms < 1000; ms++) {
      const three = `2026-11-25 08:08:21.${String(ms).padStart(3, '0')}+00`;
      const six = `2026-11-25 08:08:21.${String(ms).padStart(3, '0')}${String((ms * 7919) % 1000).padStart(3, '0')}+00`;
      expect((parse(three) as Date).getTime()).toBe((pgParser(three) as Date).getTime());
      expect((parse(six) as Date).getTime()).toBe((pgParser(six) as Date).getTime());
    }
  });

  it.each([
    '2026-11-25 08:08:21+05:30',
    '2026-11-25 08:08:21.25-08',
    '0001-01-01 00:00:00+00 BC',
    '0099-12-31 23:59:59+00',
    '12026-11-25 08:08:21+00',
    'infinity',
    '-infinity',
  ])('hands %s to the fallback', (text) => {
    const fallback = jest.fn(() => 'fallback');
    expect(utcTimestampParser(fallback)(text)).toBe('fallback');
    expect(fallback).toHaveBeenCalledWith(text);
  });

  it('hands malformed digits and fractions to the fallback', () => {
    const fallback = jest.fn(() => 'fallback');
    const read = utcTimestampParser(fallback);
    expect(read('2026-1x-25 08:08:21+00')).toBe('fallback');
    expect(read('2026-11-25 08:08:21.+00')).toBe('fallback');
    expect(read('2026-11-25 08:08:21.12a+00')).toBe('fallback');
    expect(read('2026-11-25 08:08:21,123+00')).toBe('fallback');
  });
});
