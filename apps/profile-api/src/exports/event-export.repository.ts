import type { EventIdentifier, EventType, JsonObject } from '@stratum/db';
import type { EventCursor } from '@stratum/schemas';
import { sql } from 'kysely';
import type { ReadonlyTrx } from '../read-only/read-only-db';

/** Which events to export. */
export interface EventExportQuery {
  tenantId: string;
  /** Only the events of these profiles (a survivor and the ids merged into it). */
  profileIds?: readonly string[];
  /** Inclusive lower bound of `occurred_at`, ISO 8601. */
  from?: string;
  /** Exclusive upper bound of `occurred_at`, ISO 8601. */
  to?: string;
  /** Only events after this one, in (occurred_at, event_id) order (resuming). */
  after?: EventCursor;
}

/** A stored event as exported, before formatting. */
export interface EventExportRow {
  event_id: string;
  type: EventType;
  name: string | null;
  /** UTC, to the microsecond, as the cursor needs it. */
  occurred_at: string;
  /** UTC, to the millisecond. */
  received_at: string;
  source_id: string | null;
  profile_id: string;
  identifiers: EventIdentifier[];
  traits: JsonObject | null;
  properties: JsonObject;
  context: JsonObject;
}

// ISO text sent as a timestamptz parameter: exact to the microsecond, unlike a JS Date.
function timestamp(iso: string) {
  return sql<Date>`${iso}::timestamptz`;
}

/**
 * A tenant's events in (occurred_at, event_id) order, the order a resumed export continues
 * from. `from` and `to` are compared with `occurred_at` itself, so the planner prunes the
 * monthly partitions outside them, and the partitions are read in order through their
 * (tenant_id, occurred_at) index.
 */
export function selectEventsForExport(trx: ReadonlyTrx, query: EventExportQuery) {
  const { tenantId, profileIds, from, to, after } = query;
  let select = trx
    .selectFrom('cdp_events as e')
    .select([
      'e.event_id',
      'e.type',
      'e.name',
      sql<string>`to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'occurred_at',
      ),
      sql<string>`to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as(
        'received_at',
      ),
      'e.source_id',
      'e.profile_id',
      'e.identifiers',
      'e.traits',
      'e.properties',
      'e.context',
    ])
    .where('e.tenant_id', '=', tenantId);
  if (profileIds !== undefined) {
    select = select.where((eb) => eb('e.profile_id', '=', eb.fn.any(eb.val([...profileIds]))));
  }
  if (from !== undefined) select = select.where('e.occurred_at', '>=', timestamp(from));
  if (to !== undefined) select = select.where('e.occurred_at', '<', timestamp(to));
  if (after !== undefined) {
    // The first condition alone can use the index; the row comparison settles equal times.
    select = select
      .where('e.occurred_at', '>=', timestamp(after.occurredAt))
      .where(
        sql<boolean>`(e.occurred_at, e.event_id) > (${timestamp(after.occurredAt)}, ${after.eventId})`,
      );
  }
  return select.orderBy('e.occurred_at').orderBy('e.event_id');
}
