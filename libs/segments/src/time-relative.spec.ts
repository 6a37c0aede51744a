import { isTimeRelative } from './time-relative';
import type { SegmentNode } from '@stratum/schemas';

describe('isTimeRelative', () => {
  it.each<[string, SegmentNode, boolean]>([
    ['a trait', { trait: 'plan', op: 'eq', value: 'pro' }, false],
    ['an event without a window', { event: 'Signed Up' }, false],
    ['an event within days', { event: 'Signed Up', within_days: 7 }, true],
    ['last_seen', { last_seen: { within_days: 7 } }, true],
    ['first_seen before', { first_seen: { before_days: 7 } }, true],
    ['consent', { consent: 'marketing', status: 'granted' }, false],
    ['an identifier', { identifier: 'email' }, false],
    [
      'a window deep in groups',
      { all: [{ identifier: 'email' }, { any: [{ not: { last_seen: { within_days: 1 } } }] }] },
      true,
    ],
    ['groups without one', { any: [{ identifier: 'email' }, { not: { event: 'X' } }] }, false],
  ])('%s', (_label, node, expected) => {
    expect(isTimeRelative(node)).toBe(expected);
  });
});
