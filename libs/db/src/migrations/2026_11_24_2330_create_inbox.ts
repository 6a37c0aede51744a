import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

/**
 * The inbox: events validated and hashed by the ingest API, appended when a request is
 * answered 202 and resolved by the worker behind it. A queue table: rows live seconds, so
 * it is vacuumed after a fixed number of deletions rather than a share of its size. `lane`
 * (0–255, from the event's leading identifier) splits it between the resolvers; they read
 * it in `inbox_id` order through the primary key. The event travels as text: what PostgreSQL
 * would refuse of it (a NUL in a string) is found when it is stored, where refusals are
 * isolated and logged, and appending it costs no parsing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE cdp_inbox (
    inbox_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES cdp_tenants (tenant_id) ON DELETE CASCADE,
    lane smallint NOT NULL CHECK (lane BETWEEN 0 AND 255),
    source_id uuid,
    received_at timestamptz NOT NULL,
    route text NOT NULL,
    event_index integer NOT NULL,
    resolution text NOT NULL,
    event_row text NOT NULL
  ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE cdp_inbox`.execute(db);
}
