import { randomBytes } from 'node:crypto';
import { startContainerServer } from './container-server';
import { dockerAnswers, findDockerEndpoint } from './docker-probe';
import { startEmbeddedServer } from './embedded-server';
import type { TestServer } from './test-server.types';
import { createTemplateDatabase } from './template-database';
import { TEST_ENV, templateDatabaseName } from './test-database-names';

// Jest global setup; several projects of one multi-project run register it, and every
// registration runs in this one process: state lives on globalThis, the rest in process.env,
// which the test workers inherit.

/** What the teardown needs; kept on globalThis between setup and teardown. */
export interface TestServerState {
  server: TestServer;
  serverUrl: string;
  runId: string;
}

const STATE_KEY = Symbol.for('stratum.db.testServer');

/** The server this process started for the run, if any (read by the teardown). */
export function getTestServerState(): TestServerState | undefined {
  return (globalThis as Record<symbol, TestServerState | undefined>)[STATE_KEY];
}

function setTestServerState(state: TestServerState | undefined): void {
  (globalThis as Record<symbol, TestServerState | undefined>)[STATE_KEY] = state;
}

/** Forgets the server, so a second teardown in the same run does nothing. */
export function clearTestServerState(): void {
  setTestServerState(undefined);
}

/**
 * Picks the server: `DATABASE_URL` if set; else a Testcontainers PostgreSQL 15 when a Docker
 * engine answers; else an embedded PostgreSQL.
 */
export async function startTestServer(env: NodeJS.ProcessEnv): Promise<TestServer> {
  const external = env.DATABASE_URL;
  if (external !== undefined && external !== '') {
    return { kind: 'external', url: external, stop: () => Promise.resolve() };
  }
  if (await dockerAnswers(findDockerEndpoint(env.DOCKER_HOST))) {
    return startContainerServer();
  }
  return startEmbeddedServer();
}

/** Starts (or reuses) the test server and creates this run's migrated template database. */
export default async function setupTestDatabases(): Promise<void> {
  if (getTestServerState() !== undefined || process.env[TEST_ENV.templateDatabase] !== undefined) {
    return;
  }
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const server = await startTestServer(process.env);
  try {
    const template = templateDatabaseName(runId);
    await createTemplateDatabase(server.url, template);
    setTestServerState({ server, serverUrl: server.url, runId });
    process.env[TEST_ENV.serverUrl] = server.url;
    process.env[TEST_ENV.templateDatabase] = template;
    process.env[TEST_ENV.runId] = runId;
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}
