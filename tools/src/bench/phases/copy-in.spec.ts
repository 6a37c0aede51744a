import { copyText } from './copy-in';

describe('copyText', () => {
  it.each([
    [null, '\\N'],
    ['plain', 'plain'],
    ['a\tb', 'a\\tb'],
    ['line\nbreak\r', 'line\\nbreak\\r'],
    ['{"quote":"a\\\\b"}', '{"quote":"a\\\\\\\\b"}'],
  ])('writes %j for COPY as %j', (value, expected) => {
    expect(copyText(value)).toBe(expected);
  });
});
