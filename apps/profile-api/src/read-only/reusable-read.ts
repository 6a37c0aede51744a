import { createQueryId } from 'kysely';
import type { Compilable } from 'kysely';
import { prepareStatement } from '@stratum/db';
import type { Db } from '@stratum/db';
import { isReadonlyCompiledQuery } from './read-only-db';
import type { ReadonlyCompiledQuery, ReadonlyDb } from './read-only-db';

/** Runs a {@link reusableRead} with this request's values; resolves to its rows. */
export type ReusableRead<P extends Record<string, string>, R> = (
  db: ReadonlyDb,
  values: P,
) => Promise<readonly R[]>;

// NUL cannot occur in PostgreSQL text, so no real value or constant of a query equals one.
const placeholder = (name: string): string => `\u0000${name}\u0000`;

/**
 * A SELECT built and compiled by kysely once per handle, then run with new values. Its SQL
 * depends only on the shape of the query, never on the values, which kysely sends as
 * parameters: `build` is called once with a placeholder for each value, and each run
 * swaps the placeholders for that run's values. For a statement of several subqueries this
 * saves kysely's building and compiling on every request, a large share of a look-up's
 * Node CPU. The compiled query is checked to be a SELECT, so what runs stays a read. Where the
 * pool prepares statements (createDatabase's `preparedStatements`), PostgreSQL also parses
 * and plans it once per connection.
 * @param names every key of `P`; each must reach the query as a parameter
 * @throws Error on first use when the query is not a SELECT or a value is not a parameter
 */
export function reusableRead<P extends Record<string, string>, R>(
  names: readonly (keyof P & string)[],
  build: (db: ReadonlyDb, values: P) => Compilable<R>,
): ReusableRead<P, R> {
  const compiled = new WeakMap<ReadonlyDb, ReadonlyCompiledQuery<R>>();

  const compile = (db: ReadonlyDb): ReadonlyCompiledQuery<R> => {
    const placeholders = Object.fromEntries(names.map((name) => [name, placeholder(name)]));
    const query = build(db, placeholders as P).compile();
    if (!isReadonlyCompiledQuery<R>(query)) throw new Error('reusableRead: not a SELECT');
    const missing = names.filter((name) => !query.parameters.includes(placeholder(name)));
    if (missing.length > 0) {
      throw new Error(`reusableRead: not sent as parameters: ${missing.join(', ')}`);
    }
    compiled.set(db, query);
    // The handle is a Db seen through the read-only types; a pool created with
    // preparedStatements then runs this text as a named prepared statement.
    prepareStatement(db as unknown as Db, query.sql);
    return query;
  };

  return async (db, values) => {
    const query = compiled.get(db) ?? compile(db);
    const bySlot = new Map(names.map((name) => [placeholder(name), values[name]]));
    const parameters = query.parameters.map((value) =>
      typeof value === 'string' && bySlot.has(value) ? bySlot.get(value) : value,
    );
    // Checked to be a SELECT when compiled: the one place a read-only handle runs a query itself.
    const result = await (db as unknown as Db).executeQuery<R>({
      ...query,
      queryId: createQueryId(),
      parameters,
    });
    return result.rows;
  };
}
