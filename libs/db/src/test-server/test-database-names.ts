/** Every database the test helpers create starts with this; nothing else is ever dropped. */
export const TEST_DATABASE_PREFIX = 'cdp_test_';

/** Environment variables through which the global setup talks to the test workers. */
export const TEST_ENV = {
  /** URL of the server (any database on it), for CREATE/DROP DATABASE. */
  serverUrl: 'CDP_TEST_SERVER_URL',
  /** The migrated template database of this run. */
  templateDatabase: 'CDP_TEST_TEMPLATE_DATABASE',
  /** Short id of this run; every database of the run is named after it. */
  runId: 'CDP_TEST_RUN_ID',
} as const;

const SAFE_NAME = /^[a-z0-9_]{1,63}$/;

/** Refuses any name that is not one of our test databases' (PostgreSQL's 63-byte limit included). */
export function assertTestDatabaseName(name: string): void {
  if (!name.startsWith(TEST_DATABASE_PREFIX) || !SAFE_NAME.test(name)) {
    throw new Error(`refusing to touch database "${name}": not a test database`);
  }
}

/** The template database of a run. */
export function templateDatabaseName(runId: string): string {
  return `${TEST_DATABASE_PREFIX}${runId}_template`;
}

/** A fresh database name for one test file of a run. */
export function testDatabaseName(runId: string, unique: string): string {
  return `${TEST_DATABASE_PREFIX}${runId}_${unique}`;
}

/** The same server URL pointing at another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
