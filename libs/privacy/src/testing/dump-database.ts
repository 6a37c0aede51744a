import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '@stratum/db';

const run = promisify(execFile);

/** A whole database as text, and how it was read. */
export interface DatabaseDump {
  text: string;
  /** `pg_dump`, or `tables` when no pg_dump of the server's major version (or newer) runs here. */
  via: 'pg_dump' | 'tables';
}

async function pgDumpMajor(): Promise<number | undefined> {
  try {
    const { stdout } = await run('pg_dump', ['--version']);
    return Number(/(\d+)\.\d+/.exec(stdout)?.[1]);
  } catch {
    return undefined;
  }
}

/**
 * Dumps the database at `url` with pg_dump (schema and data, every schema, the job queue's
 * included). Where pg_dump is missing or older than the server, every row of every table of
 * every schema is read as text instead: the same data, without the schema.
 */
export async function dumpDatabase(db: Db, url: string): Promise<DatabaseDump> {
  const { rows } = await sql<{ major: number }>`
    SELECT current_setting('server_version_num')::int / 10000 AS major`.execute(db);
  const major = await pgDumpMajor();
  if (major !== undefined && major >= rows[0]!.major) {
    const { stdout } = await run('pg_dump', ['--no-owner', url], { maxBuffer: 256 * 1024 * 1024 });
    return { text: stdout, via: 'pg_dump' };
  }
  const { rows: tables } = await sql<{ name: string }>`
    SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%'`.execute(db);
  let text = '';
  for (const { name } of tables) {
    const { rows: dumped } = await sql<{ row: string }>`
      SELECT t::text AS row FROM ${sql.raw(name)} t`.execute(db);
    text += `${dumped.map((r) => r.row).join('\n')}\n`;
  }
  return { text, via: 'tables' };
}
