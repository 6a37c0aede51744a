import { sqlText } from './sql-literal';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { MultiStatementClient, runStatements } from './run-statements';
import { inStatementTransaction, statementRunner } from './statement-transaction';

let testDb: TestDatabase;
// One connection, and every query text it is sent, one entry per round trip.
let pool: pg.Pool;
let db: Kysely<Database>;
let sent: string[];

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runStatements(testDb.db, [sqlText`CREATE TABLE t (v int PRIMARY KEY)`]);
  pool = new pg.Pool({ connectionString: testDb.url, max: 1, Client: MultiStatementClient });
  db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      sent.push(event.query.sql);
    },
  });
});
afterAll(async () => {
  await db.destroy();
  await testDb.destroy();
});
beforeEach(async () => {
  await runStatements(testDb.db, [sqlText`TRUNCATE t`]);
  sent = [];
});

/** The rows of `t` as another connection sees them. */
async function committed(): Promise<number[]> {
  const { rows } = await sql<{ v: number }>`SELECT v FROM t ORDER BY v`.execute(testDb.db);
  return rows.map((r) => r.v);
}

describe('inStatementTransaction', () => {
  it('sends BEGIN with the first round trip and COMMIT with the last', async () => {
    const seenBeforeCommit = await inStatementTransaction(db, async (runner) => {
      const [inserted] = await runner.run([sqlText`INSERT INTO t VALUES (1), (2) RETURNING v`]);
      expect(inserted!.rows).toEqual([{ v: 1 }, { v: 2 }]);
      const before = await committed();
      const results = await runner.runLast([
        sqlText`INSERT INTO t VALUES (3)`,
        sqlText`SELECT count(*) FROM t`,
      ]);
      expect(results.map((r) => r.rows)).toEqual([[], [{ count: '3' }]]);
      return before;
    });

    expect(seenBeforeCommit).toEqual([]);
    expect(await committed()).toEqual([1, 2, 3]);
    expect(sent).toEqual([
      sqlText`BEGIN;\nINSERT INTO t VALUES (1), (2) RETURNING v`,
      sqlText`INSERT INTO t VALUES (3);\nSELECT count(*) FROM t;\nCOMMIT`,
    ]);
  });

  it('commits on its own when the work ends without a last round trip', async () => {
    await inStatementTransaction(db, (runner) => runner.run([sqlText`INSERT INTO t VALUES (4)`]));
    expect(await committed()).toEqual([4]);
    expect(sent).toEqual([sqlText`BEGIN;\nINSERT INTO t VALUES (4)`, sqlText`COMMIT`]);
  });

  it('sends nothing when the work runs no statement', async () => {
    expect(await inStatementTransaction(db, () => Promise.resolve('nothing'))).toBe('nothing');
    expect(sent).toEqual([]);
  });

  it('rolls back when a statement of the last round trip fails, COMMIT included', async () => {
    await expect(
      inStatementTransaction(db, async (runner) => {
        await runner.run([sqlText`INSERT INTO t VALUES (5)`]);
        return runner.runLast([
          sqlText`INSERT INTO t VALUES (6)`,
          sqlText`INSERT INTO t VALUES (5)`,
        ]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await committed()).toEqual([]);
    expect(sent.at(-1)).toBe(sqlText`ROLLBACK`);
    // The pool's only connection is usable again, outside any transaction.
    await inStatementTransaction(db, (runner) =>
      runner.runLast([sqlText`INSERT INTO t VALUES (7)`]),
    );
    expect(await committed()).toEqual([7]);
  });

  it('rolls back when the work throws between round trips', async () => {
    await expect(
      inStatementTransaction(db, async (runner) => {
        await runner.run([sqlText`INSERT INTO t VALUES (8)`]);
        throw new Error('planning failed');
      }),
    ).rejects.toThrow('planning failed');
    expect(await committed()).toEqual([]);
  });

  it('refuses a round trip after the last one', async () => {
    await expect(
      inStatementTransaction(db, async (runner) => {
        await runner.runLast([sqlText`INSERT INTO t VALUES (9)`]);
        await runner.run([sqlText`INSERT INTO t VALUES (10)`]);
      }),
    ).rejects.toThrow(/has ended/);
    // What was committed stays committed.
    expect(await committed()).toEqual([9]);
  });
});

describe('statementRunner', () => {
  it('runs both kinds of round trip inside the caller’s transaction, without committing', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        const runner = statementRunner(trx);
        await runner.run([sqlText`INSERT INTO t VALUES (11)`]);
        await runner.runLast([sqlText`INSERT INTO t VALUES (12)`]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await committed()).toEqual([]);
  });
});
