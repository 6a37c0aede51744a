import { CompiledQuery } from 'kysely';
import type { Db } from '../database';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { createDatabase, prepareStatement } from './create-db';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.destroy());

const COUNT = 'SELECT count(*) AS n FROM generate_series(1, $1::int)';
const OTHER = 'SELECT $1::text AS echoed';

/** Runs a text with values, as kysely sends a compiled query. */
async function run<R>(db: Db, text: string, values: unknown[]): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(text, values))).rows;
}

/** The prepared statements of the pool's only connection. */
async function preparedOnConnection(db: Db): Promise<{ name: string; statement: string }[]> {
  return run(db, 'SELECT name, statement FROM pg_prepared_statements ORDER BY name', []);
}

describe('prepared statements', () => {
  it('run a registered text as one named statement per connection, with the pool’s parsers', async () => {
    const { db } = createDatabase({
      databaseUrl: testDb.url,
      poolMax: 1,
      preparedStatements: true,
    });
    try {
      prepareStatement(db, COUNT);
      prepareStatement(db, COUNT);
      // bigint read as a number: the pool's type parsers apply to prepared statements too.
      expect(await run(db, COUNT, [3])).toEqual([{ n: 3 }]);
      expect(await run(db, COUNT, [5])).toEqual([{ n: 5 }]);
      expect(await run(db, OTHER, ['unprepared'])).toEqual([{ echoed: 'unprepared' }]);

      const prepared = await preparedOnConnection(db);
      expect(prepared).toEqual([
        { name: expect.stringMatching(/^stratum_[0-9a-f]{24}$/), statement: COUNT },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('leave every text unprepared when the pool was not asked to prepare', async () => {
    const { db } = createDatabase({ databaseUrl: testDb.url, poolMax: 1 });
    try {
      prepareStatement(db, COUNT);
      expect(await run(db, COUNT, [2])).toEqual([{ n: 2 }]);
      expect(await preparedOnConnection(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
