import { formatIssues } from './format-issues';
import { SourceCreateSchema, SourcePatchSchema } from './source.schema';

function issuesOf(schema: typeof SourceCreateSchema | typeof SourcePatchSchema, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
}

describe('SourceCreateSchema', () => {
  it.each<[string, unknown, unknown]>([
    ['a name alone', { name: 'Web shop' }, { name: 'Web shop' }],
    ['a name with spaces around', { name: '  Web shop ' }, { name: 'Web shop' }],
    [
      'every field',
      { name: 'App', default_country: 'DE', rate_limit_per_minute: 100000 },
      { name: 'App', default_country: 'DE', rate_limit_per_minute: 100000 },
    ],
    ['a 100-character name', { name: 'n'.repeat(100) }, { name: 'n'.repeat(100) }],
  ])('accepts %s', (_label, input, expected) => {
    expect(SourceCreateSchema.parse(input)).toEqual(expected);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['no name', {}, [{ path: 'name', message: 'is required' }]],
    [
      'a NUL character in the name',
      { name: 'a\u0000' },
      [{ path: 'name', message: 'must not contain the NUL character (\\u0000)' }],
    ],
    [
      'a lone surrogate in the name',
      { name: 'a\ud800' },
      [
        {
          path: 'name',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
      ],
    ],
    ['a blank name', { name: '   ' }, [{ path: 'name', message: 'must be 1 to 100 characters' }]],
    [
      'a 101-character name',
      { name: 'n'.repeat(101) },
      [{ path: 'name', message: 'must be 1 to 100 characters' }],
    ],
    [
      'a lower-case country',
      { name: 'a', default_country: 'de' },
      [
        {
          path: 'default_country',
          message: 'must be an ISO 3166 alpha-2 country code in upper case, like DE',
        },
      ],
    ],
    [
      'a three-letter country',
      { name: 'a', default_country: 'DEU' },
      [
        {
          path: 'default_country',
          message: 'must be an ISO 3166 alpha-2 country code in upper case, like DE',
        },
      ],
    ],
    [
      'a zero rate limit',
      { name: 'a', rate_limit_per_minute: 0 },
      [{ path: 'rate_limit_per_minute', message: 'must be an integer from 1 to 100000' }],
    ],
    [
      'a rate limit over 100000',
      { name: 'a', rate_limit_per_minute: 100001 },
      [{ path: 'rate_limit_per_minute', message: 'must be an integer from 1 to 100000' }],
    ],
    [
      'a fractional rate limit',
      { name: 'a', rate_limit_per_minute: 1.5 },
      [{ path: 'rate_limit_per_minute', message: 'must be an integer from 1 to 100000' }],
    ],
    [
      'a rate limit as text',
      { name: 'a', rate_limit_per_minute: '100' },
      [{ path: 'rate_limit_per_minute', message: 'must be a number' }],
    ],
    ['a body that is an array', [], [{ path: '', message: 'must be a JSON object' }]],
  ])('rejects %s', (_label, input, expected) => {
    expect(issuesOf(SourceCreateSchema, input)).toEqual(expected);
  });
});

describe('SourcePatchSchema', () => {
  it.each<[string, unknown]>([
    ['enabled alone', { enabled: false }],
    ['a new name', { name: 'Renamed' }],
    ['a reset default country', { default_country: null }],
    ['a reset rate limit', { rate_limit_per_minute: null }],
    ['every field', { name: 'x', enabled: true, default_country: 'FR', rate_limit_per_minute: 10 }],
  ])('accepts %s', (_label, input) => {
    expect(SourcePatchSchema.parse(input)).toEqual(input);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'an empty patch',
      {},
      [
        {
          path: '',
          message:
            'give at least one of name, enabled, default_country, rate_limit_per_minute, allowed_origins',
        },
      ],
    ],
    [
      'only unknown fields',
      { write_key: 'x' },
      [
        {
          path: '',
          message:
            'give at least one of name, enabled, default_country, rate_limit_per_minute, allowed_origins',
        },
      ],
    ],
    ['enabled as text', { enabled: 'yes' }, [{ path: 'enabled', message: 'must be a boolean' }]],
    ['a null name', { name: null }, [{ path: 'name', message: 'must be a string' }]],
  ])('rejects %s', (_label, input, expected) => {
    expect(issuesOf(SourcePatchSchema, input)).toEqual(expected);
  });
});
