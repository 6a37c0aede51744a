import { dropRunDatabases, withAdminClient } from './admin-client';
import { getTestServerState, clearTestServerState } from './test-database-setup';
import { TEST_DATABASE_PREFIX, TEST_ENV } from './test-database-names';

/**
 * Jest global teardown: drops every database of the run (template included) and stops the
 * server if we started it. Later registrations in the same run find nothing left to do.
 */
export default async function teardownTestDatabases(): Promise<void> {
  const state = getTestServerState();
  if (state === undefined) return;
  clearTestServerState();
  try {
    await withAdminClient(state.serverUrl, (client) =>
      dropRunDatabases(client, `${TEST_DATABASE_PREFIX}${state.runId}_`),
    );
  } finally {
    await state.server.stop();
    delete process.env[TEST_ENV.serverUrl];
    delete process.env[TEST_ENV.templateDatabase];
    delete process.env[TEST_ENV.runId];
  }
}
