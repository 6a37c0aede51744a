import { sql } from 'kysely';
import type { Db } from '../database';
import { addUtcMonths, eventPartitionName, startOfUtcMonth } from './month';

/** One partition of `cdp_events`; `from` inclusive, `to` exclusive; both null for DEFAULT. */
export interface EventPartition {
  name: string;
  from: Date | null;
  to: Date | null;
  isDefault: boolean;
}

export interface MaintainPartitionsOptions {
  /** The reference time (default: now); months are UTC months. */
  now?: Date;
  /** Months to create after the current one (default 3). */
  monthsAhead?: number;
  /** Months to create before the current one (default 1), for late events. */
  monthsBehind?: number;
}

/** Serialises partition DDL between concurrent maintainers and retention runs. */
export async function lockPartitionMaintenance(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('cdp_events_partitions'))`.execute(trx);
}

/**
 * Lists the partitions of `cdp_events` with their bounds, oldest first, DEFAULT last.
 * Bounds are read back through `::timestamptz` so the session time zone does not matter.
 */
export async function listEventPartitions(db: Db): Promise<EventPartition[]> {
  const { rows } = await sql<{
    name: string;
    from: Date | null;
    to: Date | null;
    is_default: boolean;
  }>`
    SELECT c.relname AS name,
           pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS is_default,
           (regexp_match(pg_get_expr(c.relpartbound, c.oid),
                         'FROM \\(''([^'']+)''\\) TO'))[1]::timestamptz AS "from",
           (regexp_match(pg_get_expr(c.relpartbound, c.oid),
                         'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS "to"
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'cdp_events'::regclass
    ORDER BY is_default, "from", name
  `.execute(db);
  return rows.map((r) => ({ name: r.name, from: r.from, to: r.to, isDefault: r.is_default }));
}

async function createMonthPartition(trx: Db, monthStart: Date): Promise<boolean> {
  const name = eventPartitionName(monthStart);
  const from = monthStart.toISOString();
  const to = addUtcMonths(monthStart, 1).toISOString();
  const { rows } = await sql<{ present: boolean }>`
    SELECT to_regclass(${name}::text) IS NOT NULL AS present
  `.execute(trx);
  if (rows[0]?.present === true) return false;

  // Rows of this month that arrived before its partition sit in DEFAULT, and PostgreSQL
  // refuses the new partition while they do. Move them out first; the append-only trigger is
  // disabled for this one DELETE, inside the transaction, so no other session can use the gap.
  const { rows: waiting } = await sql<{ present: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM cdp_events_default WHERE occurred_at >= ${from}::timestamptz AND occurred_at < ${to}::timestamptz
    ) AS present
  `.execute(trx);
  const mustMove = waiting[0]?.present === true;
  if (mustMove) {
    await sql`CREATE TEMP TABLE cdp_events_moving (LIKE cdp_events) ON COMMIT DROP`.execute(trx);
    await sql`ALTER TABLE cdp_events_default DISABLE TRIGGER cdp_events_append_only`.execute(trx);
    await sql`
      WITH moved AS (
        DELETE FROM cdp_events_default
        WHERE occurred_at >= ${from}::timestamptz AND occurred_at < ${to}::timestamptz
        RETURNING *
      )
      INSERT INTO cdp_events_moving SELECT * FROM moved
    `.execute(trx);
    await sql`ALTER TABLE cdp_events_default ENABLE TRIGGER cdp_events_append_only`.execute(trx);
  }

  await sql`
    CREATE TABLE ${sql.id(name)} PARTITION OF cdp_events
    FOR VALUES FROM (${sql.lit(from)}) TO (${sql.lit(to)})
  `.execute(trx);
  // TRUNCATE triggers are not inherited from the parent: each partition gets its own.
  await sql`
    CREATE TRIGGER cdp_events_no_truncate BEFORE TRUNCATE ON ${sql.id(name)}
    FOR EACH STATEMENT EXECUTE FUNCTION cdp_refuse_mutation('cdp_events')
  `.execute(trx);
  if (mustMove) {
    await sql`INSERT INTO ${sql.id(name)} SELECT * FROM cdp_events_moving`.execute(trx);
  }
  return true;
}

/**
 * Creates the monthly partitions `cdp_events_pYYYY_MM` from `monthsBehind` months before the
 * current UTC month to `monthsAhead` after it, where missing. Each month is created in its
 * own transaction, together with moving that month's rows out of the DEFAULT partition.
 * @returns the names of the partitions created, oldest first
 */
export async function maintainPartitions(
  db: Db,
  options: MaintainPartitionsOptions = {},
): Promise<string[]> {
  const monthsAhead = options.monthsAhead ?? 3;
  const monthsBehind = options.monthsBehind ?? 1;
  for (const [label, value] of [
    ['monthsAhead', monthsAhead],
    ['monthsBehind', monthsBehind],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 120) {
      throw new RangeError(`maintainPartitions: ${label} must be an integer from 0 to 120`);
    }
  }
  const current = startOfUtcMonth(options.now ?? new Date());
  const created: string[] = [];
  for (let offset = -monthsBehind; offset <= monthsAhead; offset += 1) {
    const monthStart = addUtcMonths(current, offset);
    const didCreate = await db.transaction().execute(async (trx) => {
      await lockPartitionMaintenance(trx);
      return createMonthPartition(trx, monthStart);
    });
    if (didCreate) created.push(eventPartitionName(monthStart));
  }
  return created;
}
