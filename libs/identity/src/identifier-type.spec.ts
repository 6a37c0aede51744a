import {
  IDENTIFIER_PRIORITY,
  IDENTIFIER_TYPES,
  compareIdentifierPriority,
  isIdentifierType,
} from './identifier-type';
import type { IdentifierType } from './identifier-type';

describe('identifier types', () => {
  it('lists the five types of the spec', () => {
    expect([...IDENTIFIER_TYPES]).toEqual([
      'email',
      'phone',
      'external_id',
      'anonymous_id',
      'device_id',
    ]);
  });

  it.each([
    ['email', true],
    ['device_id', true],
    ['fax', false],
    ['toString', false],
    ['__proto__', false],
    [42, false],
    [undefined, false],
  ])('isIdentifierType(%p) → %p', (value, expected) => {
    expect(isIdentifierType(value)).toBe(expected);
  });
});

describe('identifier priority', () => {
  it('ranks external_id > email > phone > device_id > anonymous_id', () => {
    expect(IDENTIFIER_PRIORITY).toEqual([
      'external_id',
      'email',
      'phone',
      'device_id',
      'anonymous_id',
    ]);
  });

  it('covers every type exactly once', () => {
    expect([...IDENTIFIER_PRIORITY].sort()).toEqual([...IDENTIFIER_TYPES].sort());
  });

  it('sorts types highest priority first', () => {
    const types: IdentifierType[] = ['anonymous_id', 'phone', 'device_id', 'external_id', 'email'];
    expect(types.sort(compareIdentifierPriority)).toEqual(IDENTIFIER_PRIORITY);
  });

  it.each<[IdentifierType, IdentifierType, number]>([
    ['external_id', 'email', -1],
    ['anonymous_id', 'device_id', 1],
    ['phone', 'phone', 0],
  ])('compare(%p, %p) has sign %p', (a, b, sign) => {
    expect(Math.sign(compareIdentifierPriority(a, b))).toBe(sign);
  });
});
