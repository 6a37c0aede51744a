import { formatIssues } from './format-issues';
import { jsonObject } from './json-object.schema';

const Schema = jsonObject();

/** An object nested `levels` deep, the outer object being level 1. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 1; level < levels; level += 1) value = { n: value };
  return value;
}

function issuesOf(input: unknown, schema = Schema) {
  const result = schema.safeParse(input);
  return result.success ? [] : formatIssues(result.error);
}

describe('jsonObject', () => {
  it.each<[string, unknown]>([
    ['an empty object', {}],
    ['scalars of every JSON type', { s: 'x', n: 1.5, b: false, z: null }],
    ['16 levels of objects', nested(16)],
    ['arrays inside objects', { a: [[{ b: [1] }]] }],
    ['keys that merely contain forbidden words', { proto: 1, constructors: 2, my_prototype: 3 }],
    ['surrogate pairs and the largest doubles', { ['😀']: '𝒳', n: [-Number.MAX_VALUE, 5e-324] }],
  ])('accepts %s', (_label, input) => {
    expect(issuesOf(input)).toEqual([]);
    expect(Schema.parse(input)).toEqual(input);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['null', null, [{ path: '', message: 'must be a JSON object' }]],
    ['an array', [1], [{ path: '', message: 'must be a JSON object' }]],
    ['a string', '{}', [{ path: '', message: 'must be a JSON object' }]],
    [
      '17 levels of objects',
      nested(17),
      [{ path: 'n.n.n.n.n.n.n.n.n.n.n.n.n.n.n.n', message: 'is nested deeper than 16 levels' }],
    ],
    [
      '17 levels through arrays',
      { a: [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]] },
      [{ path: 'a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0', message: 'is nested deeper than 16 levels' }],
    ],
    [
      'a NUL character in a nested string and in a key',
      { a: { b: 'x\u0000y' }, ['k\u0000']: 1 },
      [
        { path: 'k\u0000', message: 'must not contain the NUL character (\\u0000)' },
        { path: 'a.b', message: 'must not contain the NUL character (\\u0000)' },
      ],
    ],
    [
      'lone surrogates in strings, array items and keys',
      { a: ['ok', 'x\udc00'], b: '\ud800', ['\ud83d']: 1 },
      [
        {
          path: 'b',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
        {
          path: '\ud83d',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
        {
          path: 'a.1',
          message:
            'must be well-formed Unicode: a lone surrogate (\\ud800 to \\udfff) cannot be stored',
        },
      ],
    ],
    [
      'numbers that overflowed to ±Infinity',
      JSON.parse('{"big": 1e400, "a": [-1e999]}'),
      [
        { path: 'big', message: 'must be a finite number (at most ±1.8e308)' },
        { path: 'a.0', message: 'must be a finite number (at most ±1.8e308)' },
      ],
    ],
    [
      'a top-level __proto__ from JSON',
      JSON.parse('{"__proto__": {"admin": true}}'),
      [{ path: '__proto__', message: "key '__proto__' is not allowed" }],
    ],
    [
      'a nested __proto__ from JSON',
      JSON.parse('{"a": [{"__proto__": 1}]}'),
      [{ path: 'a.0.__proto__', message: "key '__proto__' is not allowed" }],
    ],
    [
      'a constructor key',
      { constructor: { prototype: 1 } },
      [{ path: 'constructor', message: "key 'constructor' is not allowed" }],
    ],
    [
      'a nested prototype key',
      { a: { prototype: 1 } },
      [{ path: 'a.prototype', message: "key 'prototype' is not allowed" }],
    ],
  ])('rejects %s', (_label, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it('never lets a __proto__ key through silently', () => {
    const result = Schema.safeParse(JSON.parse('{"ok": 1, "__proto__": {"polluted": true}}'));
    expect(result.success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports at most 10 issues for one payload', () => {
    const input = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [`k${index}`, { constructor: 1 }]),
    );
    expect(issuesOf(input)).toHaveLength(10);
  });

  it('takes its own depth limit', () => {
    const shallow = jsonObject({ maxDepth: 2 });
    expect(issuesOf({ a: { b: 1 } }, shallow)).toEqual([]);
    expect(issuesOf({ a: { b: { c: 1 } } }, shallow)).toEqual([
      { path: 'a.b', message: 'is nested deeper than 2 levels' },
    ]);
  });
});
