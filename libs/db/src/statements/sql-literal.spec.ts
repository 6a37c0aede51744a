import { sqlArray, sqlInteger, sqlJoin, sqlJsonb, sqlString, sqlText } from './sql-literal';

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

describe('sqlInteger', () => {
  it('writes a safe integer and refuses anything else', () => {
    expect(sqlInteger(-30)).toBe('-30');
    expect(() => sqlInteger(1.5)).toThrow(RangeError);
    expect(() => sqlInteger(Number.NaN)).toThrow(RangeError);
  });
});

describe('sqlText', () => {
  it('puts the literals into the text', () => {
    const tenant = sqlText`${sqlString("it's")}::uuid`;
    expect(sqlText`SELECT ${sqlJoin([tenant, sqlInteger(2)])}${sqlText``}`).toBe(
      "SELECT E'it''s'::uuid, 2",
    );
  });

  it('takes no raw string in a hole: it does not compile', () => {
    const input: string = "'; DROP TABLE cdp_events; --";
    // @ts-expect-error a plain string is not SqlText
    expect(sqlText`SELECT ${input}`).toBe("SELECT '; DROP TABLE cdp_events; --");
    // @ts-expect-error nor is a number
    expect(sqlText`SELECT ${1}`).toBe('SELECT 1');
    // @ts-expect-error an array's element type is a name written in the code, not input
    expect(sqlArray([], input)).toBe(`E'{}'::${input}[]`);
  });

  it('refuses to be called as a plain function', () => {
    const forged = ['SELECT '] as unknown as TemplateStringsArray;
    expect(() => sqlText(forged)).toThrow(TypeError);
  });
});
