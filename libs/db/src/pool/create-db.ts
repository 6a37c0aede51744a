import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type { Database, Db } from '../database';
import { MultiStatementClient } from '../statements/run-statements';
import type { MultiStatementClientConfig } from '../statements/run-statements';
import { PreparedStatements } from './prepared-statements';
import { utcTimestampParser } from './utc-timestamp';
import type { TextParser } from './utc-timestamp';

/** How to reach PostgreSQL and how the pool behaves. */
export interface CreateDbOptions {
  databaseUrl: string;
  /** Maximum connections in the pool (pg's default: 10). */
  poolMax?: number;
  /** Shown in `pg_stat_activity`, to tell services apart. */
  applicationName?: string;
  /** How long to wait for a connection before failing (default 2000 ms): a down database
   * must turn into a quick 503, not a hung request. */
  connectionTimeoutMs?: number;
  /** Server-side limit per statement (default 15000 ms; 0 disables it). */
  statementTimeoutMs?: number;
  /** How long an idle connection stays in the pool (pg's default: 10000 ms). */
  idleTimeoutMs?: number;
  /** Every transaction is read-only: PostgreSQL itself refuses writes. */
  readOnly?: boolean;
  /**
   * Run the texts given to {@link prepareStatement} as named prepared statements (default
   * false). Behind PgBouncer in transaction mode this needs version 1.21 or later with
   * `max_prepared_statements` set.
   */
  preparedStatements?: boolean;
}

/** A kysely handle and the pg pool under it (for metrics and shutdown). */
export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
}

const INT8_OID = 20;
const TIMESTAMPTZ_OID = 1184;
const preparedStatements = new WeakMap<Db, PreparedStatements>();

const builtinParser = pg.types.getTypeParser as (
  oid: number,
  format?: 'text' | 'binary',
) => TextParser;
const parseInt8: TextParser = (value) => Number.parseInt(value, 10);

const parseTimestamptz = utcTimestampParser(builtinParser(TIMESTAMPTZ_OID, 'text'));

// bigint counters (event_count, count(*)) stay far below 2^53: read them as numbers;
// timestamps in the session's UTC form without regular expressions. Set on the pool, not
// globally, so other users of pg in the process are unaffected.
const typeParsers = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): TextParser => {
    if (format === 'binary') return builtinParser(oid, format);
    if (oid === INT8_OID) return parseInt8;
    return oid === TIMESTAMPTZ_OID ? parseTimestamptz : builtinParser(oid, format);
  },
};

/**
 * Session settings sent at connection start-up. `options` given in the URL are kept and ours
 * appended (the last `-c` wins), because pg lets the URL override the pool config.
 */
function connectionSettings(options: CreateDbOptions): { url: string; startupOptions: string } {
  const url = new URL(options.databaseUrl);
  const fromUrl = url.searchParams.get('options');
  url.searchParams.delete('options');
  // Pinned in createDatabase: the URL's would override it.
  url.searchParams.delete('client_encoding');
  url.searchParams.delete('encoding');
  // Timestamps are read as instants either way; UTC makes SQL-side date math (month starts,
  // text output) the same on every server.
  const ours = ['-c TimeZone=UTC'];
  if (options.readOnly === true) ours.push('-c default_transaction_read_only=on');
  return {
    url: url.toString(),
    startupOptions: [fromUrl, ...ours].filter((part) => part !== null && part !== '').join(' '),
  };
}

/**
 * Creates a kysely handle over a new pg pool, with the pool exposed too.
 * Nothing connects until the first query.
 */
export function createDatabase(options: CreateDbOptions): DatabaseHandle {
  const { url, startupOptions } = connectionSettings(options);
  const statementTimeoutMs = options.statementTimeoutMs ?? 15_000;
  const prepared = options.preparedStatements === true ? new PreparedStatements() : undefined;
  // pg's pool hands its options to every client it creates, ours included.
  const clientConfig: MultiStatementClientConfig = { preparedStatements: prepared };
  const pool = new pg.Pool({
    ...clientConfig,
    connectionString: url,
    max: options.poolMax,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 2_000,
    idleTimeoutMillis: options.idleTimeoutMs,
    statement_timeout: statementTimeoutMs > 0 ? statementTimeoutMs : false,
    options: startupOptions,
    // Literals are written into statement text (see sqlString): both ends must speak UTF-8.
    // pg's own protocol code asks for UTF8 at start-up (over any `-c client_encoding` in
    // `options`); pinned here as well, so that neither the URL nor PGCLIENTENCODING can ask
    // for another encoding through a client that honours the setting (pg-native).
    client_encoding: 'UTF8',
    types: typeParsers,
    Client: MultiStatementClient,
  });
  // An idle client losing its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next query reports the failure instead.
  pool.on('error', () => undefined);
  // The same on a checked-out client: pg emits 'error' with no listener there, and crashes the
  // process, when a connection is lost between two queries (an export's cursor waiting for its
  // reader, a backend terminated). Its pending and next queries fail instead, and the pool
  // drops it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // The cursor class lets a query be read in chunks with kysely's `.stream()` (exports)
  // instead of buffering every row of its result.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  if (prepared !== undefined) preparedStatements.set(db, prepared);
  return { db, pool };
}

/**
 * Asks the pool under `db` to run `text` (a query's exact SQL, values as `$n` parameters) as
 * a named prepared statement from now on. Does nothing unless the handle was created by
 * {@link createDatabase} with `preparedStatements`: the same code then runs unprepared.
 */
export function prepareStatement(db: Db, text: string): void {
  preparedStatements.get(db)?.add(text);
}

/**
 * Creates a kysely handle over a new pg pool. Close it with `db.destroy()`.
 * @see createDatabase to get the pool as well.
 */
export function createDb(options: CreateDbOptions): Db {
  return createDatabase(options).db;
}

/** Runs `SELECT 1`; rejects when the database cannot be reached in time. */
export async function pingDb(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
