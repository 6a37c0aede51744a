import { IDENTIFIER_TYPES as NORMALIZED_TYPES } from '@stratum/identity';
import { formatIssues } from './format-issues';
import { IDENTIFIER_TYPES, IdentifierInputSchema, IdentifierTypeSchema } from './identifier.schema';

describe('identifier types', () => {
  it('are those of @stratum/identity', () => {
    expect([...IDENTIFIER_TYPES]).toEqual([...NORMALIZED_TYPES]);
  });

  it.each<[unknown, string]>([
    ['fax', "unknown identifier type 'fax'"],
    ['Fax_Number-2', "unknown identifier type 'Fax_Number-2'"],
    ['jane@example.com', 'must be one of email, phone, external_id, anonymous_id, device_id'],
    ['+14155550100', 'must be one of email, phone, external_id, anonymous_id, device_id'],
    ['x'.repeat(33), 'must be one of email, phone, external_id, anonymous_id, device_id'],
    ['EMAIL', "unknown identifier type 'EMAIL'"],
    [7, 'must be one of email, phone, external_id, anonymous_id, device_id'],
    [undefined, 'is required'],
  ])('type %p → %p', (type, message) => {
    const result = IdentifierTypeSchema.safeParse(type);
    if (result.success) throw new Error('expected a failure');
    expect(formatIssues(result.error)).toEqual([{ path: '', message }]);
  });
});

describe('IdentifierInputSchema', () => {
  const HASH = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';

  it.each(IDENTIFIER_TYPES.map((type) => [type]))('accepts %s with a value or a hash', (type) => {
    expect(IdentifierInputSchema.parse({ type, value: 'v' })).toEqual({ type, value: 'v' });
    expect(IdentifierInputSchema.parse({ type, hash: HASH })).toEqual({ type, hash: HASH });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'both',
      { type: 'email', value: 'a@b.co', hash: HASH },
      [{ path: 'hash', message: 'must not be given together with value' }],
    ],
    [
      'neither',
      { type: 'email' },
      [{ path: 'value', message: 'is required (or give hash instead)' }],
    ],
    [
      'null value',
      { type: 'email', value: null },
      [{ path: 'value', message: 'must be a string' }],
    ],
    [
      'unknown type and neither',
      { type: 'fax' },
      [
        { path: 'type', message: "unknown identifier type 'fax'" },
        { path: 'value', message: 'is required (or give hash instead)' },
      ],
    ],
    [
      'a NUL character in the value',
      { type: 'external_id', value: 'a\u0000' },
      [{ path: 'value', message: 'must not contain the NUL character (\\u0000)' }],
    ],
    [
      'a lone surrogate in the value',
      { type: 'email', value: '\udfffa@b.co' },
      [
        {
          path: 'value',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
      ],
    ],
    [
      'a short hash',
      { type: 'email', hash: HASH.slice(2) },
      [{ path: 'hash', message: 'must be 64 lowercase hexadecimal characters (SHA-256)' }],
    ],
  ])('rejects %s', (_label, input, expected) => {
    const result = IdentifierInputSchema.safeParse(input);
    if (result.success) throw new Error('expected a failure');
    expect(formatIssues(result.error)).toEqual(expected);
  });
});
