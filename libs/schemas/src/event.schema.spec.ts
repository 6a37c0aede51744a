import { EventSchema } from './event.schema';
import { formatIssues } from './format-issues';

const HASH = '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d';
const EMAIL = { type: 'email', value: ' Jane.Doe@Example.COM ' };

/** The example event of SPEC §4. */
const SPEC_EXAMPLE = {
  event_id: '7d1c5c1e-0b6a-4c55-9a53-2f1f4f4d3a10',
  type: 'track',
  name: 'Order Completed',
  timestamp: '2026-11-20T10:15:00.000+01:00',
  sent_at: '2026-11-20T10:15:02.000+01:00',
  identifiers: [
    EMAIL,
    { type: 'phone', value: '+1 (415) 555-0100' },
    { type: 'external_id', value: 'crm-4711' },
    { type: 'anonymous_id', value: 'b3f0c7e2' },
  ],
  traits: { plan: 'pro' },
  properties: { order_id: 'A-1001', revenue: 129.9, currency: 'EUR' },
  context: { ip: '203.0.113.7', user_agent: 'Mozilla/5.0', locale: 'de-DE' },
};

const minimal = (overrides: Record<string, unknown> = {}) => ({
  event_id: 'e-1',
  type: 'identify',
  identifiers: [EMAIL],
  ...overrides,
});

function issuesOf(input: unknown) {
  const result = EventSchema.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
}

describe('EventSchema accepts', () => {
  it.each<[string, unknown]>([
    ['the SPEC example', SPEC_EXAMPLE],
    ['a minimal identify', minimal()],
    ['a page without name', minimal({ type: 'page' })],
    ['a screen with name', minimal({ type: 'screen', name: 'Home' })],
    ['an alias', minimal({ type: 'alias' })],
    ['a 128-character event_id', minimal({ event_id: 'x'.repeat(128) })],
    ['a UTC timestamp', minimal({ timestamp: '2026-11-20T09:15:00Z' })],
    ['a negative offset', minimal({ timestamp: '2026-11-20T05:15:00.123-04:00' })],
    ['a pre-hashed identifier', minimal({ identifiers: [{ type: 'email', hash: HASH }] })],
    ['20 identifiers', minimal({ identifiers: Array.from({ length: 20 }, () => EMAIL) })],
    ['empty traits, properties and context', minimal({ traits: {}, properties: {}, context: {} })],
    [
      'surrogate pairs, RTL marks and combining characters',
      minimal({ name: '😀\u200f\u0301', properties: { ['🔑']: 'e\u0301 \u202e 𝒳' } }),
    ],
    [
      'arrays and nulls inside properties',
      minimal({ properties: { items: [1, null, { a: [] }] } }),
    ],
  ])('%s', (_label, input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  it('keeps the SPEC example as sent (no value rewritten by the schema)', () => {
    expect(EventSchema.parse(SPEC_EXAMPLE)).toEqual(SPEC_EXAMPLE);
  });

  it('strips unknown top-level keys', () => {
    const parsed = EventSchema.parse(minimal({ userId: 'u-1', extra: { a: 1 } }));
    expect(parsed).toEqual(minimal());
    expect(parsed).not.toHaveProperty('userId');
  });
});

describe('EventSchema rejects, naming the field', () => {
  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['a non-object', 'event', [{ path: '', message: 'must be a JSON object' }]],
    [
      'a NUL character in event_id and name',
      minimal({ event_id: 'e\u0000', type: 'track', name: 'n\u0000' }),
      [
        { path: 'event_id', message: 'must not contain the NUL character (\\u0000)' },
        { path: 'name', message: 'must not contain the NUL character (\\u0000)' },
      ],
    ],
    [
      'a lone surrogate in event_id and name',
      minimal({ event_id: 'e\ud800', type: 'track', name: '\udc00n' }),
      [
        {
          path: 'event_id',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
        {
          path: 'name',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
      ],
    ],
    [
      'a lone surrogate in an identifier value, a property and a context key',
      minimal({
        identifiers: [{ type: 'external_id', value: 'a\ud83d' }],
        properties: { s: '\ud800' },
        context: { ['k\udfff']: 1 },
      }),
      [
        {
          path: 'identifiers.0.value',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
        {
          path: 'properties.s',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
        {
          path: 'context.k\udfff',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
      ],
    ],
    ['an array', [minimal()], [{ path: '', message: 'must be a JSON object' }]],
    [
      'an empty object',
      {},
      [
        { path: 'event_id', message: 'is required' },
        { path: 'type', message: 'is required' },
        { path: 'identifiers', message: 'is required' },
      ],
    ],
    [
      'an empty event_id',
      minimal({ event_id: '' }),
      [{ path: 'event_id', message: 'must be 1 to 128 characters' }],
    ],
    [
      'a 129-character event_id',
      minimal({ event_id: 'x'.repeat(129) }),
      [{ path: 'event_id', message: 'must be 1 to 128 characters' }],
    ],
    [
      'a numeric event_id',
      minimal({ event_id: 42 }),
      [{ path: 'event_id', message: 'must be a string' }],
    ],
    [
      'an unknown type',
      minimal({ type: 'click' }),
      [{ path: 'type', message: 'must be one of track, identify, page, screen, alias' }],
    ],
    [
      'track without name',
      minimal({ type: 'track' }),
      [{ path: 'name', message: 'is required when type is track' }],
    ],
    [
      'track with empty name',
      minimal({ type: 'track', name: '' }),
      [{ path: 'name', message: 'must be 1 to 255 characters' }],
    ],
    [
      'a name over 255',
      minimal({ name: 'n'.repeat(256) }),
      [{ path: 'name', message: 'must be 1 to 255 characters' }],
    ],
    [
      'no identifiers',
      minimal({ identifiers: [] }),
      [{ path: 'identifiers', message: 'must be 1 to 20 identifiers' }],
    ],
    [
      '21 identifiers',
      minimal({ identifiers: Array.from({ length: 21 }, () => EMAIL) }),
      [{ path: 'identifiers', message: 'must be 1 to 20 identifiers' }],
    ],
    [
      'identifiers as an object',
      minimal({ identifiers: EMAIL }),
      [{ path: 'identifiers', message: 'must be an array' }],
    ],
    [
      'an identifier that is a string',
      minimal({ identifiers: ['jane@example.com'] }),
      [{ path: 'identifiers.0', message: 'must be an object' }],
    ],
    [
      'an unknown identifier type',
      minimal({ identifiers: [{ type: 'fax', value: '+1 555' }] }),
      [{ path: 'identifiers.0.type', message: "unknown identifier type 'fax'" }],
    ],
    [
      'a missing identifier type',
      minimal({ identifiers: [{ value: 'x' }] }),
      [{ path: 'identifiers.0.type', message: 'is required' }],
    ],
    [
      'both value and hash',
      minimal({ identifiers: [{ type: 'email', value: 'a@b.co', hash: HASH }] }),
      [{ path: 'identifiers.0.hash', message: 'must not be given together with value' }],
    ],
    [
      'neither value nor hash',
      minimal({ identifiers: [{ type: 'email' }] }),
      [{ path: 'identifiers.0.value', message: 'is required (or give hash instead)' }],
    ],
    [
      'an empty value',
      minimal({ identifiers: [{ type: 'device_id', value: '' }] }),
      [{ path: 'identifiers.0.value', message: 'must not be empty' }],
    ],
    [
      'a value over 512',
      minimal({ identifiers: [{ type: 'device_id', value: 'd'.repeat(513) }] }),
      [{ path: 'identifiers.0.value', message: 'must be at most 512 characters' }],
    ],
    [
      'an upper-case hash',
      minimal({ identifiers: [{ type: 'email', hash: HASH.toUpperCase() }] }),
      [
        {
          path: 'identifiers.0.hash',
          message: 'must be 64 lowercase hexadecimal characters (SHA-256)',
        },
      ],
    ],
    [
      'traits as an array',
      minimal({ traits: ['pro'] }),
      [{ path: 'traits', message: 'must be a JSON object' }],
    ],
    [
      'context as a string',
      minimal({ context: 'web' }),
      [{ path: 'context', message: 'must be a JSON object' }],
    ],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it.each([
    ['no offset', '2026-11-20T10:15:00'],
    ['date only', '2026-11-20'],
    ['free text', 'yesterday'],
    ['impossible date', '2026-02-30T10:00:00Z'],
    ['offset without colon', '2026-11-20T10:15:00+0100'],
    ['epoch number', 1763630100000],
  ])('a timestamp with %s', (_label, timestamp) => {
    expect(issuesOf(minimal({ timestamp, sent_at: timestamp }))).toEqual([
      {
        path: 'timestamp',
        message: expect.stringMatching(/^must be an ISO 8601 date-time with an offset/),
      },
      {
        path: 'sent_at',
        message: expect.stringMatching(/^must be an ISO 8601 date-time with an offset/),
      },
    ]);
  });

  it('reports every problem of an event at once, including the track name', () => {
    const issues = issuesOf({
      event_id: '',
      type: 'track',
      identifiers: [{ type: 'fax', value: 'x' }, { type: 'email' }],
    });
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'event_id',
      'identifiers.0.type',
      'identifiers.1.value',
      'name',
    ]);
  });
});

describe('EventSchema messages never contain submitted values', () => {
  const secrets = ['jane.secret@example.com', '+14155550199', 'crm-secret-4711'] as const;
  it.each<[string, unknown]>([
    ['email as a type', minimal({ identifiers: [{ type: secrets[0], value: secrets[0] }] })],
    ['phone as a type', minimal({ identifiers: [{ type: secrets[1], value: secrets[1] }] })],
    [
      'value with a hash',
      minimal({ identifiers: [{ type: 'external_id', value: secrets[2], hash: 'x' }] }),
    ],
    ['value of the wrong type', minimal({ identifiers: [{ type: 'email', value: 4155550199 }] })],
    ['secret as event_id', minimal({ event_id: secrets[0].repeat(10) })],
    ['secret as timestamp', minimal({ timestamp: secrets[1] })],
  ])('%s', (_label, input) => {
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(0);
    const text = JSON.stringify(issues);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('4155550199');
  });
});
