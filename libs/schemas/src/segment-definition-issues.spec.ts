import { issuesOf, nested } from './segment-definition.spec-support';

describe('SegmentDefinitionSchema refuses, naming the field', () => {
  const some = (condition: unknown) => ({
    all: [{ identifier: 'email' }, { identifier: 'phone' }, condition],
  });
  it.each<[string, unknown, [string, string][]]>([
    ['a non-object', 'plan = pro', [['', 'must be an object']]],
    [
      'an empty object',
      {},
      [['', expect.stringMatching(/^must be a group \(all, any, not\) or a condition/)]],
    ],
    [
      'two kinds in one object',
      { trait: 'a', op: 'exists', event: 'b' },
      [['event', 'must not be combined with trait: one group or condition per object']],
    ],
    [
      'an unknown grammar version',
      { schema: 2, event: 'a' },
      [['schema', 'must be 1 (the version of the grammar)']],
    ],
    ['an empty all', { all: [] }, [['all', 'must list 1 to 100 conditions or groups']]],
    ['any not an array', { any: { identifier: 'email' } }, [['any', 'must be an array']]],
    ['a bad member of a group', some(7), [['all.2', 'must be an object']]],
    ['a missing op', some({ trait: 'plan', value: 'pro' }), [['all.2.op', 'is required']]],
    [
      'an unknown op',
      some({ trait: 'plan', op: 'like', value: 'pro' }),
      [['all.2.op', 'must be one of eq, neq, gt, gte, lt, lte, contains, in, exists']],
    ],
    ['a missing value', some({ trait: 'plan', op: 'eq' }), [['all.2.value', 'is required']]],
    [
      'a value with exists',
      some({ trait: 'plan', op: 'exists', value: true }),
      [['all.2.value', 'must not be given with exists']],
    ],
    [
      'an object to eq',
      some({ trait: 'plan', op: 'eq', value: { a: 1 } }),
      [['all.2.value', 'must be a string, a number or a boolean']],
    ],
    [
      'null to eq',
      some({ trait: 'plan', op: 'eq', value: null }),
      [['all.2.value', 'must be a string, a number or a boolean']],
    ],
    [
      'a too long string',
      some({ trait: 'plan', op: 'eq', value: 'x'.repeat(1001) }),
      [['all.2.value', 'must be at most 1000 characters']],
    ],
    [
      'a NUL in a value',
      some({ trait: 'plan', op: 'eq', value: 'a\u0000' }),
      [['all.2.value', expect.stringContaining('NUL')]],
    ],
    [
      'a word to gt',
      some({ trait: 'ltv', op: 'gt', value: 'ten' }),
      [['all.2.value', expect.stringMatching(/^must be a number or an ISO 8601 date/)]],
    ],
    [
      'a boolean to lt',
      some({ trait: 'ltv', op: 'lt', value: true }),
      [['all.2.value', expect.stringMatching(/^must be a number or an ISO 8601 date/)]],
    ],
    [
      'a date before the year 1000',
      some({ trait: 'at', op: 'gte', value: '0999-12-31' }),
      [['all.2.value', 'must be a date from the year 1000 on']],
    ],
    [
      'year 0 as a date-time',
      some({ trait: 'at', op: 'lt', value: '0000-01-01T00:00:00Z' }),
      [['all.2.value', 'must be a date from the year 1000 on']],
    ],
    [
      'a date-time without offset',
      some({ trait: 'at', op: 'gte', value: '2026-01-31T10:00:00' }),
      [['all.2.value', expect.stringMatching(/^must be a number or an ISO 8601 date/)]],
    ],
    [
      'a number to contains',
      some({ trait: 'tags', op: 'contains', value: 3 }),
      [['all.2.value', 'must be a string']],
    ],
    [
      'an empty contains',
      some({ trait: 'tags', op: 'contains', value: '' }),
      [['all.2.value', 'must not be empty']],
    ],
    [
      'a scalar to in',
      some({ trait: 'plan', op: 'in', value: 'pro' }),
      [['all.2.value', 'must be an array']],
    ],
    [
      'an empty in',
      some({ trait: 'plan', op: 'in', value: [] }),
      [['all.2.value', 'must list 1 to 1000 values']],
    ],
    [
      'an object in in',
      some({ trait: 'plan', op: 'in', value: ['a', {}] }),
      [['all.2.value.1', 'must be a string, a number or a boolean']],
    ],
    ['an empty path', some({ trait: '', op: 'exists' }), [['all.2.trait', 'must not be empty']]],
    [
      'an empty path segment',
      some({ trait: 'address..city', op: 'exists' }),
      [['all.2.trait', 'must be a dotted path without empty segments, like address.city']],
    ],
    [
      'a trailing dot',
      some({ trait: 'address.', op: 'exists' }),
      [['all.2.trait', 'must be a dotted path without empty segments, like address.city']],
    ],
    [
      'too many path segments',
      some({ trait: Array(17).fill('a').join('.'), op: 'exists' }),
      [['all.2.trait', 'must have at most 16 segments']],
    ],
    [
      'a too long path',
      some({ trait: 'a'.repeat(501), op: 'exists' }),
      [['all.2.trait', 'must be at most 500 characters']],
    ],
    [
      'a path not a string',
      some({ trait: ['a'], op: 'exists' }),
      [['all.2.trait', 'must be a string']],
    ],
    [
      'an unknown field',
      some({ trait: 'a', op: 'exists', negate: true }),
      [['all.2.negate', 'is not a known field here']],
    ],
    [
      'an unknown field that is no name',
      some({ trait: 'a', op: 'exists', 'a b': 1 }),
      [['all.2', 'has a field that is not known here']],
    ],
    ['an empty event name', some({ event: '' }), [['all.2.event', 'must not be empty']]],
    ['an event name not a string', some({ event: 5 }), [['all.2.event', 'must be a string']]],
    [
      'a count op',
      some({ event: 'a', count: { op: 'in', value: 1 } }),
      [['all.2.count.op', 'must be one of eq, neq, gt, gte, lt, lte']],
    ],
    [
      'a fractional count',
      some({ event: 'a', count: { op: 'gte', value: 1.5 } }),
      [['all.2.count.value', 'must be a whole number from 0 to 1000000']],
    ],
    [
      'a negative count',
      some({ event: 'a', count: { op: 'gte', value: -1 } }),
      [['all.2.count.value', 'must be a whole number from 0 to 1000000']],
    ],
    [
      'zero days',
      some({ event: 'a', within_days: 0 }),
      [['all.2.within_days', 'must be a whole number of days from 1 to 3650']],
    ],
    [
      'days as text',
      some({ event: 'a', within_days: '30' }),
      [['all.2.within_days', 'must be a whole number of days from 1 to 3650']],
    ],
    [
      'an empty where',
      some({ event: 'a', where: [] }),
      [['all.2.where', 'must list 1 to 20 property filters']],
    ],
    [
      'a bad property filter',
      some({
        event: 'a',
        where: [
          { property: 'p', op: 'gt', value: 'x' },
          { property: 'p', op: 'nope' },
        ],
      }),
      [
        ['all.2.where.0.value', expect.stringMatching(/^must be a number/)],
        ['all.2.where.1.op', expect.stringMatching(/^must be one of/)],
      ],
    ],
    [
      'a trait key in a property filter',
      some({ event: 'a', where: [{ trait: 'p', op: 'exists' }] }),
      [
        ['all.2.where.0.property', 'is required'],
        ['all.2.where.0.trait', 'is not a known field here'],
      ],
    ],
    [
      'an unknown identifier type',
      some({ identifier: 'fax' }),
      [['all.2.identifier', "unknown identifier type 'fax'"]],
    ],
    [
      'an unknown purpose',
      some({ consent: 'spam', status: 'granted' }),
      [['all.2.consent', expect.stringMatching(/^must be one of analytics, marketing/)]],
    ],
    [
      'an unknown status',
      some({ consent: 'marketing', status: 'yes' }),
      [['all.2.status', 'must be one of granted, denied']],
    ],
    ['a missing status', some({ consent: 'marketing' }), [['all.2.status', 'is required']]],
    [
      'a seen window without days',
      some({ first_seen: {} }),
      [['all.2.first_seen.within_days', 'is required (or give before_days instead)']],
    ],
    [
      'a seen window with both',
      some({ last_seen: { within_days: 1, before_days: 2 } }),
      [['all.2.last_seen.before_days', 'must not be given together with within_days']],
    ],
    [
      'a seen window not an object',
      some({ last_seen: 7 }),
      [['all.2.last_seen', 'must be an object']],
    ],
    [
      'groups 6 deep',
      { all: [nested(5)] },
      [['all.0.not.not.not.not', 'nests groups more than 5 deep']],
    ],
    [
      '101 conditions',
      { any: Array.from({ length: 101 }, () => ({ identifier: 'email' })) },
      [['any.100', 'is past the limit of 100 conditions in one definition']],
    ],
    [
      '101 conditions over groups',
      {
        all: [
          { any: Array.from({ length: 60 }, () => ({ identifier: 'email' })) },
          { any: Array.from({ length: 41 }, () => ({ identifier: 'phone' })) },
        ],
      },
      [['all.1.any.40', 'is past the limit of 100 conditions in one definition']],
    ],
  ])('%s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it('reports every problem of a definition at once', () => {
    expect(
      issuesOf({
        all: [
          { trait: 'a', op: 'gt', value: 'x' },
          { consent: 'x', status: 'y' },
        ],
      }),
    ).toHaveLength(3);
  });

  it('survives a thousand-deep nesting without recursing through it', () => {
    expect(issuesOf(nested(10_000))).toEqual([
      [Array(5).fill('not').join('.'), 'nests groups more than 5 deep'],
    ]);
  });

  it('never quotes a submitted value in a message', () => {
    const secret = 'jane@example.com';
    const messages = issuesOf({
      all: [
        { trait: 'email', op: 'gt', value: secret },
        { trait: 'email', op: 'eq', value: { secret } },
        { identifier: secret },
        { consent: secret, status: secret },
      ],
    }).map(([, message]) => message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toContain(secret);
  });
});
