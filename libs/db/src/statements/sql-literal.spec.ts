import { sqlArray, sqlJsonb, sqlString } from './sql-literal';

describe('sqlString', () => {
  it('doubles quotes and backslashes inside an escape string', () => {
    expect(sqlString("it's")).toBe("E'it''s'");
    expect(sqlString('a\\b')).toBe("E'a\\\\b'");
    expect(sqlString("\\'; DROP TABLE x; --")).toBe("E'\\\\''; DROP TABLE x; --'");
  });

  it('refuses a NUL character, which PostgreSQL text cannot hold', () => {
    expect(() => sqlString('a\0b')).toThrow(RangeError);
  });
});

describe('sqlArray', () => {
  it('quotes every element and escapes quotes and backslashes in it', () => {
    expect(sqlArray(['a', 'b,c', '{d}', 'e"f', 'g\\h', null], 'text')).toBe(
      String.raw`E'{"a","b,c","{d}","e\\"f","g\\\\h",NULL}'::text[]`,
    );
  });

  it('writes an empty array', () => {
    expect(sqlArray([], 'uuid')).toBe("E'{}'::uuid[]");
  });
});

describe('sqlJsonb', () => {
  it('casts serialized JSON to jsonb', () => {
    expect(sqlJsonb('{"a":"it\'s"}')).toBe(`E'{"a":"it''s"}'::jsonb`);
  });
});
