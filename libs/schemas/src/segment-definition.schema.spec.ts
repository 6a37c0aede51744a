import { SEGMENT_LIMITS } from './segment-limits';
import { SegmentDefinitionSchema, SegmentNodeSchema } from './segment-definition.schema';
import { segmentPathSegments } from './segment-comparison.schema';
import { issuesOf, nested } from './segment-definition.spec-support';

/** SPEC §17's example, verbatim. */
const SPEC_EXAMPLE = JSON.parse(`{ "all": [
    { "trait": "plan", "op": "eq", "value": "pro" },
    { "event": "Order Completed", "count": { "op": "gte", "value": 2 }, "within_days": 30,
      "where": [ { "property": "revenue", "op": "gt", "value": 100 } ] },
    { "consent": "marketing", "status": "granted" },
    { "any": [ { "identifier": "email" }, { "identifier": "phone" } ] },
    { "not": { "last_seen": { "within_days": 7 } } } ] }`) as unknown;

describe('SegmentDefinitionSchema accepts', () => {
  it.each<[string, unknown]>([
    ['SPEC §17 example', SPEC_EXAMPLE],
    ['a lone condition at the root', { trait: 'plan', op: 'eq', value: 'pro' }],
    ['the grammar version', { schema: 1, any: [{ identifier: 'email' }] }],
    ['eq with a number', { trait: 'age', op: 'eq', value: 42 }],
    ['neq with a boolean', { trait: 'vip', op: 'neq', value: false }],
    ['eq with an empty string', { trait: 'nickname', op: 'eq', value: '' }],
    ['gt with a number', { trait: 'ltv', op: 'gt', value: 99.5 }],
    ['gte with a date', { trait: 'signup', op: 'gte', value: '2026-01-31' }],
    ['lt with a date-time', { trait: 'signup', op: 'lt', value: '2026-01-31T10:00:00+01:00' }],
    ['lte with a negative number', { trait: 'balance', op: 'lte', value: -3 }],
    ['contains', { trait: 'tags', op: 'contains', value: 'beta' }],
    ['in with mixed scalars', { trait: 'plan', op: 'in', value: ['pro', 'team', 3, true] }],
    ['exists', { trait: 'address.city', op: 'exists' }],
    ['a path with any characters', { trait: 'it\'s.a "key".$1.\\', op: 'exists' }],
    ['a path with an index', { trait: 'items.0.sku', op: 'eq', value: 'A-1' }],
    ['an event by name alone', { event: 'Signed Up' }],
    ['an event count of zero', { event: 'Signed Up', count: { op: 'eq', value: 0 } }],
    [
      'an event with every property op',
      {
        event: 'Order Completed',
        within_days: 3650,
        where: [
          { property: 'currency', op: 'in', value: ['EUR', 'USD'] },
          { property: 'coupon', op: 'exists' },
          { property: 'sku', op: 'contains', value: 'PRO' },
          { property: 'total', op: 'lte', value: 1000 },
        ],
      },
    ],
    [
      'each identifier type',
      {
        any: ['email', 'phone', 'external_id', 'anonymous_id', 'device_id'].map((identifier) => ({
          identifier,
        })),
      },
    ],
    ['a denied consent', { consent: 'sale_of_data', status: 'denied' }],
    ['first_seen before', { first_seen: { before_days: 365 } }],
    ['last_seen within', { last_seen: { within_days: 1 } }],
    ['groups 5 deep', nested(5)],
    ['100 conditions', { any: Array.from({ length: 100 }, () => ({ identifier: 'email' })) }],
  ])('%s', (_label, input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  it('returns the definition with its grammar version', () => {
    expect(SegmentDefinitionSchema.parse({ event: 'Signed Up' })).toEqual({
      schema: 1,
      event: 'Signed Up',
    });
    expect(SegmentDefinitionSchema.parse(SPEC_EXAMPLE)).toEqual({
      schema: 1,
      ...(SPEC_EXAMPLE as object),
    });
  });
});

describe('the grammar parts', () => {
  it('a node parses without the version or the limits', () => {
    expect(SegmentNodeSchema.parse({ identifier: 'email' })).toEqual({ identifier: 'email' });
  });

  it('splits paths into segments', () => {
    expect(segmentPathSegments('address.city')).toEqual(['address', 'city']);
    expect(segmentPathSegments("it's")).toEqual(["it's"]);
  });

  it('documents itself with an example it accepts', () => {
    const meta = SegmentDefinitionSchema.meta() as { example: unknown; description: string };
    expect(meta.description).toContain('docs/SEGMENTS.md');
    expect(issuesOf(meta.example)).toEqual([]);
  });

  it('states its limits', () => {
    expect(SEGMENT_LIMITS.maxDepth).toBe(5);
    expect(SEGMENT_LIMITS.maxConditions).toBe(100);
  });
});
