import { sql } from 'kysely';
import type { Db } from '../database';
import type { EventIdentifier } from '../tables/event.table';
import type { JsonObject } from '../tables/column-types';

/**
 * Events are partitioned on `occurred_at`, counted by `received_at`: the range on
 * `occurred_at` (from a day before the hours to an hour after them) lets the planner prune
 * partitions and use the (tenant_id, occurred_at) index. Events timed more than a day
 * before they arrive (imports, backfills) are history, not live volume, and are left out.
 */
const LATE_HOURS = 24;

/** A window of whole hours, `[from, to)`. */
export interface HourWindow {
  tenantId: string;
  from: Date;
  to: Date;
}

/** What one source did in one hour. */
export interface SourceHourCount {
  sourceId: string;
  hour: Date;
  count: number;
}

/** Rejected and suppressed events of one source in one hour. */
export interface SourceHourRejections {
  sourceId: string;
  hour: Date;
  rejected: number;
  suppressed: number;
}

const HOUR_OF = (column: string) =>
  sql<Date>`date_bin('1 hour', ${sql.ref(column)}, timestamptz '2000-01-01T00:00:00Z')`;

/** Accepted events by source and hour received, for the hours of `window`. */
export async function countAcceptedByHour(db: Db, window: HourWindow): Promise<SourceHourCount[]> {
  const { rows } = await sql<{ source_id: string; hour: Date; count: number }>`
    SELECT source_id, ${HOUR_OF('received_at')} AS hour, count(*)::int AS count
    FROM cdp_events
    WHERE tenant_id = ${window.tenantId} AND source_id IS NOT NULL
      AND occurred_at >= ${new Date(window.from.getTime() - LATE_HOURS * 3_600_000)}
      AND occurred_at < ${new Date(window.to.getTime() + 3_600_000)}
      AND received_at >= ${window.from} AND received_at < ${window.to}
    GROUP BY 1, 2
  `.execute(db);
  return rows.map((r) => ({ sourceId: r.source_id, hour: r.hour, count: r.count }));
}

/** Rejected (suppressed apart) events by source and hour, for the hours of `window`. */
export async function countRejectedByHour(
  db: Db,
  window: HourWindow,
): Promise<SourceHourRejections[]> {
  const { rows } = await sql<{
    source_id: string;
    hour: Date;
    rejected: number;
    suppressed: number;
  }>`
    SELECT source_id, ${HOUR_OF('rejected_at')} AS hour,
      (count(*) FILTER (WHERE reason <> 'suppressed'))::int AS rejected,
      (count(*) FILTER (WHERE reason = 'suppressed'))::int AS suppressed
    FROM cdp_rejected_events
    WHERE tenant_id = ${window.tenantId} AND source_id IS NOT NULL
      AND rejected_at >= ${window.from} AND rejected_at < ${window.to}
    GROUP BY 1, 2
  `.execute(db);
  return rows.map((r) => ({
    sourceId: r.source_id,
    hour: r.hour,
    rejected: r.rejected,
    suppressed: r.suppressed,
  }));
}

/** One sampled event: what match keys are read from. */
export interface SampledEvent {
  eventId: string;
  identifiers: EventIdentifier[];
  context: JsonObject;
  properties: JsonObject;
}

/** Which events of one source-hour are sampled: those whose id hash falls in one bucket. */
export interface SamplePage {
  tenantId: string;
  sourceId: string;
  hour: Date;
  /** Events are in bucket 0 of `buckets`: 1 samples every event. */
  buckets: number;
  /** Keyset: ids after this one. */
  afterEventId?: string;
  limit: number;
}

/**
 * One page of a source-hour's sample, by event id. The bucket is a hash of the event id
 * (`hashtext`), so the same events are sampled on every run: a re-run writes the same row.
 */
export async function readSampledEvents(db: Db, page: SamplePage): Promise<SampledEvent[]> {
  const to = new Date(page.hour.getTime() + 3_600_000);
  const { rows } = await sql<{
    event_id: string;
    identifiers: EventIdentifier[];
    context: JsonObject;
    properties: JsonObject;
  }>`
    SELECT event_id, identifiers, context, properties
    FROM cdp_events
    WHERE tenant_id = ${page.tenantId} AND source_id = ${page.sourceId}
      AND occurred_at >= ${new Date(page.hour.getTime() - LATE_HOURS * 3_600_000)}
      AND occurred_at < ${new Date(to.getTime() + 3_600_000)}
      AND received_at >= ${page.hour} AND received_at < ${to}
      AND (hashtext(event_id) & 2147483647) % ${page.buckets}::int = 0
      AND event_id > ${page.afterEventId ?? ''}
    ORDER BY event_id
    LIMIT ${page.limit}
  `.execute(db);
  return rows.map((r) => ({
    eventId: r.event_id,
    identifiers: r.identifiers,
    context: r.context,
    properties: r.properties,
  }));
}
