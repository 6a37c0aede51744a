import { createDb } from '@stratum/db';
import type { Db } from '@stratum/db';
import { loadCliConfig } from './cli-config';
import type { CliIo } from './cli-io';

/** What every command handler receives. */
export interface CliContext {
  io: CliIo;
}

/**
 * Opens a small pool on `DATABASE_URL`, runs `work`, and always closes the pool. No statement
 * timeout: migrations and partition moves may legitimately take long.
 */
export async function withDb<T>(ctx: CliContext, work: (db: Db) => Promise<T>): Promise<T> {
  const { DATABASE_URL } = loadCliConfig(ctx.io.env);
  const db = createDb({
    databaseUrl: DATABASE_URL,
    poolMax: 2,
    applicationName: 'cdp-cli',
    connectionTimeoutMs: 5_000,
    statementTimeoutMs: 0,
  });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
