import { sha256Hex } from '@stratum/identity';
import { payloadJson, redactEvent } from './redact-event';

describe('redactEvent', () => {
  it('hashes each identifier value, normalized where it can be, and marks how', () => {
    const redacted = redactEvent(
      {
        event_id: 'e-1',
        identifiers: [
          { type: 'email', value: ' Jane@Example.COM ' },
          { type: 'phone', value: '(415) 555-0100' },
          { type: 'phone', value: ' nope ' },
          { type: 'fax', value: 12345 },
          { type: 'external_id', hash: 'a'.repeat(64) },
          { type: 'email', value: { nested: 'jane@example.com' } },
          'jane@example.com',
        ],
      },
      { defaultCountry: 'US' },
    );
    expect(redacted).toEqual({
      event_id: 'e-1',
      identifiers: [
        { type: 'email', hash: sha256Hex('jane@example.com'), hashed_from: 'normalized' },
        { type: 'phone', hash: sha256Hex('+14155550100'), hashed_from: 'normalized' },
        { type: 'phone', hash: sha256Hex('nope'), hashed_from: 'trimmed' },
        { type: 'fax', hash: sha256Hex('12345'), hashed_from: 'trimmed' },
        { type: 'external_id', hash: 'a'.repeat(64), hashed_from: 'sent' },
        { type: 'email' },
        '[redacted]',
      ],
    });
    expect(JSON.stringify(redacted)).not.toMatch(/jane|555/i);
  });

  it.each([
    [
      'identifiers that are not a list',
      { identifiers: 'jane@example.com' },
      { identifiers: '[redacted]' },
    ],
    ['an event without identifiers', { type: 'track' }, { type: 'track' }],
    ['text instead of an event', 'jane@example.com', '[redacted]'],
    ['a number', 7, 7],
  ])('keeps nothing raw of %s', (_name, raw, expected) => {
    expect(redactEvent(raw, {})).toEqual(expected);
  });
});

describe('payloadJson', () => {
  it('keeps a payload up to 32 KB as JSON', () => {
    expect(payloadJson({ a: 1 })).toBe('{"a":1}');
  });

  it('stores a marker for a larger one, and for a NUL character jsonb refuses', () => {
    const big = payloadJson({ pad: 'x'.repeat(40_000) });
    expect(JSON.parse(big!)).toEqual({ truncated: true, bytes: 40_010 });
    expect(payloadJson({ note: 'a\u0000b' })).toBe('{"unstorable":true}');
    expect(payloadJson(undefined)).toBeNull();
  });
});
