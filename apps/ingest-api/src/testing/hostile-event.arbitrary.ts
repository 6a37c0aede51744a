import fc from 'fast-check';

/**
 * JSON as written on the wire, so that what JSON.stringify cannot write gets sent too: number
 * literals such as `1e400` or `-0`, keys such as `__proto__`, repeated keys.
 */
export type WireJson =
  | { kind: 'string'; value: string }
  | { kind: 'number'; literal: string }
  | { kind: 'literal'; literal: 'true' | 'false' | 'null' }
  | { kind: 'array'; items: WireJson[] }
  | { kind: 'object'; entries: [string, WireJson][] };

/** The JSON text of `json`. JSON.stringify escapes a lone surrogate (`"\ud800"`) and NUL. */
export function wireText(json: WireJson): string {
  switch (json.kind) {
    case 'string':
      return JSON.stringify(json.value);
    case 'number':
    case 'literal':
      return json.literal;
    case 'array':
      return `[${json.items.map(wireText).join(',')}]`;
    case 'object':
      return `{${json.entries.map(([k, v]) => `${JSON.stringify(k)}:${wireText(v)}`).join(',')}}`;
  }
}

const str = (value: string): WireJson => ({ kind: 'string', value });
const obj = (entries: [string, WireJson][]): WireJson => ({ kind: 'object', entries });

// Characters PostgreSQL cannot store: any string holding one must be rejected.
const UNSTORABLE = ['\ud800', '\udbff', '\udc00', '\udfff', '\u0000'];

const ODD_CHARACTERS = [
  ...['\u200e', '\u200f', '\u202e', '\u2066', '\u061c'], // direction marks and overrides
  ...['\u0301', '\u0308', '\u20dd', '\u0f7b', 'e\u0301'], // combining characters
  ...['😀', '👩‍👩‍👧', '🏳️‍🌈', '\u{1f1e9}\u{1f1ea}', '𝒳', '\u{10ffff}', '\u{e0001}'],
  ...['\ufeff', '\ufffe', '\uffff', '\ufffd', '\u2028', '\u2029', '\u0085', '\u007f'],
  ...['\\', '"', "'", '\n', '\r', '\t', '\b', '\u0001', '\u001f', '%', '$', '.', ' '],
  ...['ß', 'İ', 'ﷺ', '東京', 'null', 'undefined', '[object Object]'],
];

const character = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_CHARACTERS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

const storable = fc.string({ unit: character, maxLength: 12 });

/**
 * Strings with odd Unicode, most short, some empty; rarely (so that most events stay valid)
 * one with an unstorable character, or an enormous one (past 32 KB of JSON).
 */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 400, arbitrary: storable },
  {
    weight: 2,
    arbitrary: fc
      .tuple(storable, fc.constantFrom(...UNSTORABLE), storable)
      .map((parts) => parts.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: 40_000 }), fc.constantFrom('a', 'é', '😀', '\u0301'))
      .map(([length, unit]) => unit.repeat(length)),
  },
);

// JSON.parse reads these as ±Infinity: they must be rejected, not stored as null.
const OVERFLOWING = ['1e400', '-1e400', '9'.repeat(400), '1.7976931348623159e308'];

const NUMBER_LITERALS = [
  ...['1e-400', '-0', '-0.0', '0e0', '-0E-0', '1E+2', '4.9e-324', '1.7976931348623157e308'],
  ...['123456789012345678901234567890', '9007199254740993', '0.1', '-2.5e-7'],
];

const number: fc.Arbitrary<WireJson> = fc
  .oneof(
    { weight: 1, arbitrary: fc.constantFrom(...OVERFLOWING) },
    { weight: 20, arbitrary: fc.constantFrom(...NUMBER_LITERALS) },
    {
      weight: 20,
      arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
    },
    { weight: 10, arbitrary: fc.integer().map(String) },
    { weight: 10, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  )
  .map((literal) => ({ kind: 'number', literal }));

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 100, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ...['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'],
      ...['', '0', '-1', 'a.b', '$where', ' ', 'length'],
    ),
  },
);

const leaf: fc.Arbitrary<WireJson> = fc.oneof(
  hostileString.map(str),
  number,
  fc.constantFrom<WireJson>(
    { kind: 'literal', literal: 'true' },
    { kind: 'literal', literal: 'false' },
    { kind: 'literal', literal: 'null' },
  ),
);

const { tree } = fc.letrec<{ tree: WireJson; array: WireJson; object: WireJson }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }).map((items) => ({ kind: 'array', items })),
  object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 4 }).map(obj),
}));

/** Objects and arrays nested 10 to 24 deep: the limit is 16 levels. */
const deep: fc.Arbitrary<WireJson> = fc
  .tuple(fc.integer({ min: 10, max: 24 }), leaf, fc.boolean())
  .map(([depth, inner, arrays]) => {
    let json = inner;
    for (let level = 0; level < depth; level++) {
      json = arrays && level % 2 === 0 ? { kind: 'array', items: [json] } : obj([['d', json]]);
    }
    return json;
  });

/** What a producer may put in traits, properties or context, now and then not an object. */
const field: fc.Arbitrary<WireJson> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc
      .array(fc.tuple(key, fc.oneof({ weight: 40, arbitrary: tree }, deep)), { maxLength: 6 })
      .map(obj),
  },
  { weight: 1, arbitrary: tree },
);

const TYPES = ['track', 'identify', 'page', 'screen', 'alias'];

const identifier: fc.Arbitrary<WireJson> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc
      .tuple(fc.constantFrom('external_id', 'anonymous_id', 'device_id'), hostileString)
      .map(([type, value]) =>
        obj([
          ['type', str(type)],
          ['value', str(value)],
        ]),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('email', 'phone', 'fax', '\ud800'), hostileString)
      .map(([type, value]) =>
        obj([
          ['type', str(type)],
          ['value', str(value)],
        ]),
      ),
  },
);

const TIMES = [
  '2026-01-15T10:00:00.000Z',
  '2025-06-30T23:59:59.999+14:00',
  '2024-02-29T12:00:00-12:00',
];
// Out of PostgreSQL's range, a leap second, a day that does not exist, no offset.
const ODD_TIMES = [
  ...['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59Z'],
  ...['2016-12-31T23:59:60Z', '2026-02-30T00:00:00Z', '2026-01-15T10:00:00'],
];

const optional = (name: string, value: fc.Arbitrary<WireJson>) =>
  fc.option(
    value.map((v): [string, WireJson] => [name, v]),
    { nil: undefined, freq: 3 },
  );

/**
 * One event as a hostile producer might send it: mostly well formed, so that most are stored
 * and read back, with odd Unicode, numbers, keys, nesting and times throughout.
 */
export const hostileEvent: fc.Arbitrary<WireJson> = fc
  .tuple(
    fc
      .oneof(
        { weight: 40, arbitrary: fc.uuid() },
        hostileString,
        fc.tuple(fc.uuid(), fc.constantFrom(...UNSTORABLE)).map(([id, c]) => id + c),
      )
      .map(str),
    fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...TYPES) }, hostileString).map(str),
    fc.uuid(),
    fc.array(identifier, { maxLength: 2 }),
    optional(
      'name',
      fc
        .oneof({ weight: 3, arbitrary: fc.constantFrom('Order Completed', 'Ö') }, hostileString)
        .map(str),
    ),
    optional(
      'timestamp',
      fc
        .oneof(
          { weight: 10, arbitrary: fc.constantFrom(...TIMES) },
          { weight: 1, arbitrary: fc.constantFrom(...ODD_TIMES) },
        )
        .map(str),
    ),
    optional('traits', field),
    optional('properties', field),
    optional('context', field),
    optional('userId', tree),
  )
  .map(([eventId, type, anchor, identifiers, ...rest]) => {
    // One plain identifier keeps most events resolvable, so that most are stored.
    const plain = obj([
      ['type', str('external_id')],
      ['value', str(`fuzz-${anchor}`)],
    ]);
    return obj([
      ['event_id', eventId],
      ['type', type],
      ['identifiers', { kind: 'array', items: [plain, ...identifiers] }],
      ...rest.filter((entry) => entry !== undefined),
    ]);
  });
