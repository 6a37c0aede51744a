import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { runStatements } from './run-statements';
import { sqlArray, sqlInteger, sqlJoin, sqlJsonb, sqlString, sqlText } from './sql-literal';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

const TRICKY = [
  "it's",
  'back\\slash',
  "\\'; SELECT 1; --",
  '"quoted", {braced}',
  '$$dollar$$',
  'ünïcødé ✓ 𝄞',
  'line\nbreak\ttab',
  '',
];

describe('runStatements', () => {
  it('returns each statement’s rows and counts, in order, from one round trip', async () => {
    const results = await runStatements(testDb.db, [
      sqlText`SELECT 1 AS one`,
      sqlText`SELECT n FROM generate_series(1, 3) AS n`,
      sqlText`CREATE TEMP TABLE t (v text)`,
      sqlText`INSERT INTO t SELECT unnest(${sqlArray(['a', 'b'], 'text')})`,
    ]);
    expect(results.map((r) => r.rows)).toEqual([
      [{ one: 1 }],
      [{ n: 1 }, { n: 2 }, { n: 3 }],
      [],
      [],
    ]);
    expect(results[3]!.rowCount).toBe(2);
  });

  it('returns a single statement’s result the same way', async () => {
    expect(await runStatements(testDb.db, [sqlText`SELECT 2 AS two`])).toEqual([
      { rows: [{ two: 2 }], rowCount: 1 },
    ]);
    expect(await runStatements(testDb.db, [])).toEqual([]);
  });

  it('reads back exactly the strings the literals were made of', async () => {
    const [strings, array, json] = await runStatements(testDb.db, [
      sqlText`SELECT ${sqlJoin(TRICKY.map((v, i) => sqlText`${sqlString(v)} AS v${sqlInteger(i)}`))}`,
      sqlText`SELECT ${sqlArray([...TRICKY, null], 'text')} AS a`,
      sqlText`SELECT ${sqlJsonb(JSON.stringify({ tricky: TRICKY }))} AS j`,
    ]);
    expect(Object.values(strings!.rows[0]!)).toEqual(TRICKY);
    expect(array!.rows[0]!['a']).toEqual([...TRICKY, null]);
    expect(json!.rows[0]!['j']).toEqual({ tricky: TRICKY });
  });

  it('refuses to run several statements on a pool whose client drops their results', async () => {
    const plain = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testDb.url, max: 1 }) }),
    });
    try {
      await expect(runStatements(plain, [sqlText`SELECT 1`, sqlText`SELECT 2`])).rejects.toThrow(
        /MultiStatementClient/,
      );
    } finally {
      await plain.destroy();
    }
  });

  it('stops at the first failing statement and rolls the transaction back', async () => {
    await runStatements(testDb.db, [sqlText`CREATE TABLE kept (v int)`]);
    await expect(
      testDb.db
        .transaction()
        .execute((trx) =>
          runStatements(trx, [
            sqlText`INSERT INTO kept VALUES (1)`,
            sqlText`SELECT 1/0`,
            sqlText`INSERT INTO kept VALUES (2)`,
          ]),
        ),
    ).rejects.toThrow(/division by zero/);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kept`.execute(
      testDb.db,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
