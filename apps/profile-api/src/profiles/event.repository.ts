import type { EventIdentifier, EventType, JsonObject } from '@stratum/db';
import type { EventCursor } from '@stratum/schemas';
import { sql } from 'kysely';
import type { ReadonlyTrx } from '../read-only/read-only-db';

/** Which events of a profile to read, newest first. */
export interface EventsPageQuery {
  tenantId: string;
  /** The surviving profile and the ids merged into it. */
  profileIds: readonly string[];
  limit: number;
  /** Only events strictly after this position (in newest-first order). */
  after?: EventCursor;
  /** Inclusive lower bound of `occurred_at`, ISO 8601. */
  from?: string;
  /** Exclusive upper bound of `occurred_at`, ISO 8601. */
  to?: string;
  name?: string;
}

/** A stored event as read for the timeline. */
export interface EventRecord {
  eventId: string;
  type: EventType;
  name: string | null;
  occurredAt: Date;
  receivedAt: Date;
  sourceId: string | null;
  profileId: string;
  identifiers: EventIdentifier[];
  traits: JsonObject | null;
  properties: JsonObject;
  context: JsonObject;
}

/** One page and the position after its last event, when more may follow. */
export interface EventsPage {
  events: EventRecord[];
  next: EventCursor | undefined;
}

// ISO text sent as a timestamptz parameter: exact to the microsecond, unlike a JS Date.
function timestamp(iso: string) {
  return sql<Date>`${iso}::timestamptz`;
}

/**
 * The query behind {@link findEventsPage}: `limit + 1` rows, to know whether a next page
 * exists. Each profile id is read in its own LATERAL branch that walks the timeline index
 * (tenant_id, profile_id, occurred_at DESC, event_id DESC) and stops after `limit + 1` rows,
 * so a page costs the same however long the history; the branches are then merged. `from`
 * and `to` are compared with `occurred_at` itself, so the planner prunes the monthly
 * partitions outside them.
 */
export function eventsPageSelect(trx: ReadonlyTrx, query: EventsPageQuery) {
  const { tenantId, limit, after, from, to, name } = query;
  return (
    trx
      // A set-returning function aliased `profile_ids` yields one column of that same name.
      .selectFrom(
        sql<{ profile_ids: string }>`unnest(${[...query.profileIds]}::uuid[])`.as('profile_ids'),
      )
      .innerJoinLateral(
        (eb) => {
          let branch = eb
            .selectFrom('cdp_events as e')
            .select([
              'e.event_id',
              'e.type',
              'e.name',
              'e.occurred_at',
              'e.received_at',
              'e.source_id',
              'e.profile_id',
              'e.identifiers',
              'e.traits',
              'e.properties',
              'e.context',
              sql<string>`to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
                'cursor_time',
              ),
            ])
            .where('e.tenant_id', '=', tenantId)
            .whereRef('e.profile_id', '=', 'profile_ids.profile_ids');
          if (from !== undefined) branch = branch.where('e.occurred_at', '>=', timestamp(from));
          if (to !== undefined) branch = branch.where('e.occurred_at', '<', timestamp(to));
          if (name !== undefined) branch = branch.where('e.name', '=', name);
          if (after !== undefined) {
            branch = branch.where(
              sql<boolean>`(e.occurred_at, e.event_id) < (${timestamp(after.occurredAt)}, ${after.eventId})`,
            );
          }
          return branch
            .orderBy('e.occurred_at', 'desc')
            .orderBy('e.event_id', 'desc')
            .limit(limit + 1)
            .as('ev');
        },
        (join) => join.onTrue(),
      )
      .selectAll('ev')
      .orderBy('ev.occurred_at', 'desc')
      .orderBy('ev.event_id', 'desc')
      .limit(limit + 1)
  );
}

/**
 * Reads one page of a profile's events across its merged ids, ordered by
 * (occurred_at DESC, event_id DESC), and the cursor of the next page when there is one.
 */
export async function findEventsPage(
  trx: ReadonlyTrx,
  query: EventsPageQuery,
): Promise<EventsPage> {
  const rows = await eventsPageSelect(trx, query).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map((r) => ({
      eventId: r.event_id,
      type: r.type,
      name: r.name,
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      sourceId: r.source_id,
      profileId: r.profile_id,
      identifiers: r.identifiers,
      traits: r.traits,
      properties: r.properties,
      context: r.context,
    })),
    // The cursor keeps PostgreSQL's microseconds: a JS Date would cut them and repeat rows.
    next:
      rows.length > query.limit && last !== undefined
        ? { occurredAt: last.cursor_time, eventId: last.event_id }
        : undefined,
  };
}
