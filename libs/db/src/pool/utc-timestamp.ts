/** Reads one column value from PostgreSQL's text form. */
export type TextParser = (value: string) => unknown;

const PLUS = 43;
const ZERO = 48;

/** The number written by the digits of `text` from `start` to `end`, or -1 if one is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A `timestamptz` parser for the form PostgreSQL writes with the session in UTC (pinned by
 * createDatabase): `2026-11-25 08:08:21.123456+00`, read with arithmetic on fixed positions.
 * The resolver reads thousands of timestamps a batch (inbox rows, links, profiles), and
 * pg's parser runs several regular expressions on each. Any other form (another offset, a
 * year past 9999 or BC, infinity) goes to `fallback`, which gives the same instant.
 */
export function utcTimestampParser(fallback: TextParser): TextParser {
  return (text) => {
    const length = text.length;
    if (
      length < 22 ||
      text.charCodeAt(length - 3) !== PLUS ||
      text.charCodeAt(length - 2) !== ZERO ||
      text.charCodeAt(length - 1) !== ZERO ||
      text[4] !== '-' ||
      text[7] !== '-' ||
      text[10] !== ' ' ||
      text[13] !== ':' ||
      text[16] !== ':'
    ) {
      return fallback(text);
    }
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    const hour = digits(text, 11, 13);
    const minute = digits(text, 14, 16);
    const second = digits(text, 17, 19);
    let millisecond = 0;
    const fractionEnd = length - 3;
    if (fractionEnd > 19) {
      // ".f" to ".ffffff": milliseconds are its first three digits (the rest is below a Date's precision).
      if (text[19] !== '.' || fractionEnd === 20) return fallback(text);
      const fraction = digits(text, 20, fractionEnd);
      if (fraction < 0) return fallback(text);
      const places = fractionEnd - 20;
      millisecond =
        places <= 3 ? fraction * 10 ** (3 - places) : Math.floor(fraction / 10 ** (places - 3));
    }
    // Years below 100 are read as 19xx by Date.UTC; PostgreSQL's oldest are left to the fallback.
    if (year < 100 || (year | month | day | hour | minute | second) < 0) return fallback(text);
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond));
  };
}
