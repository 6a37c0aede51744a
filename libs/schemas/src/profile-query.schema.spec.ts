import { formatIssues } from './format-issues';
import { ProfileEventsQuerySchema, ProfileLookupQuerySchema } from './profile-query.schema';

const HASH = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';

function issuesOf(
  schema: typeof ProfileLookupQuerySchema | typeof ProfileEventsQuerySchema,
  input: unknown,
) {
  const result = schema.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
}

describe('ProfileLookupQuerySchema', () => {
  it.each<[string, Record<string, unknown>]>([
    ['type and value', { identifier_type: 'email', identifier_value: 'jane@example.com' }],
    ['hash alone', { identifier_hash: HASH }],
    ['hash with type', { identifier_type: 'email', identifier_hash: HASH }],
    [
      'phone with default country',
      { identifier_type: 'phone', identifier_value: '030 1234567', default_country: 'DE' },
    ],
  ])('accepts %s', (_label, query) => {
    expect(ProfileLookupQuerySchema.parse(query)).toEqual(query);
  });

  it.each<[string, Record<string, unknown>, { path: string; message: string }[]]>([
    [
      'nothing',
      {},
      [{ path: 'identifier_value', message: 'identifier_value or identifier_hash is required' }],
    ],
    [
      'value and hash',
      { identifier_type: 'email', identifier_value: 'a@b.co', identifier_hash: HASH },
      [{ path: 'identifier_hash', message: 'must not be given together with identifier_value' }],
    ],
    [
      'value without type',
      { identifier_value: 'a@b.co' },
      [{ path: 'identifier_type', message: 'is required with identifier_value' }],
    ],
    [
      'an unknown type',
      { identifier_type: 'fax', identifier_hash: HASH },
      [{ path: 'identifier_type', message: "unknown identifier type 'fax'" }],
    ],
    [
      'a bad hash',
      { identifier_hash: 'abc' },
      [
        {
          path: 'identifier_hash',
          message: 'must be 64 lowercase hexadecimal characters (SHA-256)',
        },
      ],
    ],
    [
      'an empty value',
      { identifier_type: 'email', identifier_value: '' },
      [{ path: 'identifier_value', message: 'must not be empty' }],
    ],
    [
      'a repeated parameter',
      { identifier_type: 'email', identifier_value: ['a', 'b'] },
      [{ path: 'identifier_value', message: 'must be a string' }],
    ],
    [
      'a lower-case country',
      { identifier_type: 'phone', identifier_value: '030', default_country: 'de' },
      [
        {
          path: 'default_country',
          message: 'must be an ISO 3166 alpha-2 country code in upper case',
        },
      ],
    ],
  ])('rejects %s', (_label, query, expected) => {
    expect(issuesOf(ProfileLookupQuerySchema, query)).toEqual(expected);
  });
});

describe('ProfileEventsQuerySchema', () => {
  it('defaults the limit to 50', () => {
    expect(ProfileEventsQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  it.each<[string, number]>([
    ['1', 1],
    ['1000', 1000],
    ['20', 20],
  ])('reads limit %p from the query string', (limit, expected) => {
    expect(ProfileEventsQuerySchema.parse({ limit }).limit).toBe(expected);
  });

  it.each(['0', '1001', '2.5', 'abc', '', '-1'])('rejects limit %p', (limit) => {
    expect(issuesOf(ProfileEventsQuerySchema, { limit })).toEqual([
      { path: 'limit', message: 'must be an integer from 1 to 1000' },
    ]);
  });

  it('accepts cursor, range and name', () => {
    const query = {
      limit: '10',
      cursor: 'opaque-cursor',
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00+01:00',
      name: 'Order Completed',
    };
    expect(ProfileEventsQuerySchema.parse(query)).toEqual({ ...query, limit: 10 });
  });

  it.each<[string, Record<string, unknown>, { path: string; message: string }[]]>([
    [
      'from after to',
      { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      [{ path: 'to', message: 'must not be before from' }],
    ],
    [
      'a local from',
      { from: '2026-12-01T00:00:00' },
      [{ path: 'from', message: expect.stringMatching(/^must be an ISO 8601/) }],
    ],
    ['an empty cursor', { cursor: '' }, [{ path: 'cursor', message: 'must not be empty' }]],
    ['an empty name', { name: '' }, [{ path: 'name', message: 'must not be empty' }]],
  ])('rejects %s', (_label, query, expected) => {
    expect(issuesOf(ProfileEventsQuerySchema, query)).toEqual(expected);
  });
});
