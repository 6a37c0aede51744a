import { createDb } from '../pool/create-db';
import { migrateToLatest } from '../migrate/migrator';
import { maintainPartitions } from '../partitions/event-partitions';
import { withAdminClient } from './admin-client';
import { assertTestDatabaseName, databaseUrl } from './test-database-names';

/**
 * Creates the run's template database, migrated to latest with the event partitions around
 * the current month, so each test file copies a production-shaped schema in milliseconds.
 */
export async function createTemplateDatabase(serverUrl: string, name: string): Promise<void> {
  assertTestDatabaseName(name);
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  });
  const db = createDb({
    databaseUrl: databaseUrl(serverUrl, name),
    applicationName: 'cdp-test-template',
    connectionTimeoutMs: 10_000,
    statementTimeoutMs: 0,
  });
  try {
    await migrateToLatest(db);
    await maintainPartitions(db);
  } finally {
    // No connection may stay open on a template, or CREATE DATABASE … TEMPLATE fails.
    await db.destroy();
  }
}
