import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code, so it means the same thing forever.

// The match keys counted per hour, as the quality library named them on this day.
const MATCH_KEY_COLUMNS = ['email', 'phone', 'external_id', 'click_id', 'ip', 'user_agent'];

/**
 * Per-source hourly summaries the worker derives from the events and the rejected-events
 * log (the ingest path writes neither), and the volume anomalies flagged on them. `sampled`
 * events were read for their match keys; each key column counts those of them carrying it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  let hours = db.schema
    .createTable('cdp_source_hours')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('source_id', 'uuid', (col) => col.notNull())
    .addColumn('hour', 'timestamptz', (col) => col.notNull())
    .addColumn('accepted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('suppressed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sampled', 'integer', (col) => col.notNull().defaultTo(0));
  for (const key of MATCH_KEY_COLUMNS) {
    hours = hours.addColumn(key, 'integer', (col) => col.notNull().defaultTo(0));
  }
  await hours
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_source_hours_pkey', ['tenant_id', 'source_id', 'hour'])
    .addCheckConstraint(
      'cdp_source_hours_hour_check',
      sql`hour = date_bin('1 hour', hour, timestamptz '2000-01-01T00:00:00Z')`,
    )
    .execute();

  await db.schema
    .createTable('cdp_volume_anomalies')
    .addColumn('tenant_id', 'uuid', (col) => col.notNull())
    .addColumn('source_id', 'uuid', (col) => col.notNull())
    .addColumn('hour', 'timestamptz', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addColumn('expected', 'double precision', (col) => col.notNull())
    .addColumn('score', 'double precision', (col) => col.notNull())
    .addColumn('detected_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cdp_volume_anomalies_pkey', [
      'tenant_id',
      'source_id',
      'hour',
      'kind',
    ])
    .addCheckConstraint(
      'cdp_volume_anomalies_kind_check',
      sql`kind IN ('spike', 'drop', 'silence')`,
    )
    .addCheckConstraint(
      'cdp_volume_anomalies_severity_check',
      sql`severity IN ('warning', 'critical')`,
    )
    .execute();
  // The tenant-wide list reads newest first.
  await db.schema
    .createIndex('cdp_volume_anomalies_hour_idx')
    .on('cdp_volume_anomalies')
    .columns(['tenant_id', 'hour desc'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cdp_volume_anomalies').execute();
  await db.schema.dropTable('cdp_source_hours').execute();
}
