import pg from 'pg';
import { assertTestDatabaseName } from './test-database-names';

const OBJECT_IN_USE = '55006';

/** Runs `work` with a short-lived client on the server's maintenance connection. */
export async function withAdminClient<T>(
  serverUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * `CREATE DATABASE name TEMPLATE template`. PostgreSQL refuses while anyone is connected to
 * the template (55006), which a stray connection can cause for a moment: retry briefly.
 */
export async function createDatabaseFromTemplate(
  client: pg.Client,
  name: string,
  template: string,
): Promise<void> {
  assertTestDatabaseName(name);
  assertTestDatabaseName(template);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`,
      );
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== OBJECT_IN_USE || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Drops a test database, disconnecting whoever is still on it. Refuses other names. */
export async function dropTestDatabase(client: pg.Client, name: string): Promise<void> {
  assertTestDatabaseName(name);
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
}

/** Drops every database of a run (the template and any a crashed worker left behind). */
export async function dropRunDatabases(client: pg.Client, runPrefix: string): Promise<string[]> {
  assertTestDatabaseName(runPrefix);
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`,
    [runPrefix],
  );
  for (const { datname } of rows) {
    await dropTestDatabase(client, datname);
  }
  return rows.map((r) => r.datname);
}
