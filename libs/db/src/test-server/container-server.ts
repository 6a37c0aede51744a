import type { TestServer } from './test-server.types';

const IMAGE = 'postgres:15-alpine';

/** Starts PostgreSQL 15 in a Docker container with Testcontainers. */
export async function startContainerServer(): Promise<TestServer> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(IMAGE).start();
  return {
    kind: 'container',
    url: container.getConnectionUri(),
    stop: async () => {
      await container.stop();
    },
  };
}
