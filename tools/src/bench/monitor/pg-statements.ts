import { sql } from 'kysely';
import type { Db } from '@stratum/db';

/** One statement's share of the database time (pg_stat_statements). */
export interface StatementCost {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
}

/** Creates the extension (the library must be preloaded) and clears its counters. */
export async function resetStatementStats(db: Db): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(db);
  await sql`SELECT pg_stat_statements_reset()`.execute(db);
}

/** The `limit` statements that took the most execution time since the last reset. */
export async function topStatements(db: Db, limit = 12): Promise<StatementCost[]> {
  const { rows } = await sql<{
    query: string;
    calls: number;
    total: number;
    mean: number;
    rows: number;
  }>`
    SELECT regexp_replace(query, '[[:space:]]+', ' ', 'g') AS query, calls,
           total_exec_time AS total, mean_exec_time AS mean, rows
    FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({
    query: r.query.length > 140 ? `${r.query.slice(0, 137)}...` : r.query,
    calls: Number(r.calls),
    totalMs: Number(r.total),
    meanMs: Number(r.mean),
    rows: Number(r.rows),
  }));
}
