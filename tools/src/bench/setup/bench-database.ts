import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { EmbeddedDatabase } from '../../dev/embedded-postgres';
import type { DatabaseChoice } from '../bench-options';
import { findFreePort } from './free-port';

/** The database of a run and how to give it back. */
export interface BenchDatabase {
  url: string;
  kind: DatabaseChoice['kind'];
  /** The postmaster's pid when its processes can be watched (embedded), for CPU figures. */
  postmasterPid: number | undefined;
  close: () => Promise<void>;
}

export interface ProvideDatabaseOptions {
  /** Embedded only: applied with ALTER SYSTEM, then the server restarts. */
  settings: Record<string, string>;
  pgStatStatements: boolean;
}

/** Provides the database the choice names (see {@link DatabaseChoice}). */
export async function provideDatabase(
  choice: DatabaseChoice,
  options: ProvideDatabaseOptions,
): Promise<BenchDatabase> {
  switch (choice.kind) {
    case 'embedded':
      return embedded(options);
    case 'server':
      return throwAwayDatabase(choice.url);
    case 'database':
      return { url: choice.url, kind: 'database', postmasterPid: undefined, close: async () => {} };
  }
}

async function embedded(options: ProvideDatabaseOptions): Promise<BenchDatabase> {
  // Loaded on use: embedded-postgres is an ES module, which runs with tsx but not under the
  // CommonJS test runner, whose runs bring their own server.
  const { startEmbeddedPostgres } = await import('../../dev/embedded-postgres');
  // Directly under tmpdir with mode 755: as root the server runs as `postgres`, which must
  // be able to reach the directory (a 700 mkdtemp folder would lock it out).
  const dataDir = path.join(
    tmpdir(),
    `stratum-bench-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const port = await findFreePort();
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  let server: EmbeddedDatabase | undefined;
  try {
    server = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), port);
    const settings = { ...options.settings };
    if (options.pgStatStatements) {
      settings.shared_preload_libraries = [settings.shared_preload_libraries, 'pg_stat_statements']
        .filter((lib) => lib !== undefined && lib !== '')
        .join(',');
    }
    if (Object.keys(settings).length > 0) {
      await alterSystem(server.databaseUrl, settings);
      await server.stop();
      server = await startEmbeddedPostgres(path.join(dataDir, 'postgres'), port);
    }
  } catch (error) {
    await server?.stop().catch(() => undefined);
    remove();
    throw error;
  }
  const running = server;
  return {
    url: running.databaseUrl,
    kind: 'embedded',
    postmasterPid: Number(
      readFileSync(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n', 1)[0],
    ),
    close: async () => {
      await running.stop();
      remove();
    },
  };
}

async function alterSystem(url: string, settings: Record<string, string>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const [name, value] of Object.entries(settings)) {
      if (!/^[a-z_]+(\.[a-z_]+)?$/.test(name))
        throw new Error(`not a PostgreSQL setting name: ${name}`);
      await client.query(`ALTER SYSTEM SET ${name} = ${client.escapeLiteral(value)}`);
    }
  } finally {
    await client.end();
  }
}

async function throwAwayDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `stratum_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'server',
    postmasterPid: undefined,
    close: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
