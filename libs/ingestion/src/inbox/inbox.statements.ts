import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { sqlArray, sqlText } from '@stratum/db';
import type { Database, InboxRow, SqlText } from '@stratum/db';
import type { RejectionRoute } from '@stratum/schemas';
import type { NormalizedEvent } from '../store/normalized-event';
import { encodeInboxResolution } from './inbox-event';
import { CUSTOMER_LANES, customerLaneOf } from '../lanes/customer-lane';

/** The valid events of one request, accepted to be resolved later. */
export interface InboxAppend {
  tenantId: string;
  sourceId: string | null;
  receivedAt: Date;
  route: RejectionRoute;
  events: readonly NormalizedEvent[];
}

/**
 * Appends the events of one or more requests (of any tenants) to the inbox in one statement,
 * the rows as arrays: eight parameters whatever the count. Durable once it returns: it
 * commits on its own.
 */
export async function appendToInbox(
  db: Kysely<Database>,
  appends: readonly InboxAppend[],
): Promise<void> {
  const rows = appends.flatMap((append) => append.events.map((event) => ({ append, event })));
  if (rows.length === 0) return;
  const column = <T>(read: (row: (typeof rows)[number]) => T) => rows.map(read);
  await sql`INSERT INTO cdp_inbox
      (tenant_id, lane, source_id, received_at, route, event_index, resolution, event_row)
    SELECT * FROM unnest(
      ${column((r) => r.append.tenantId)}::uuid[],
      ${column((r) => customerLaneOf(r.event.identifiers))}::smallint[],
      ${column((r) => r.append.sourceId)}::uuid[],
      ${column((r) => r.append.receivedAt.toISOString())}::timestamptz[],
      ${column((r) => r.append.route)}::text[],
      ${column((r) => r.event.index)}::integer[],
      ${column((r) => encodeInboxResolution(r.event))}::text[],
      ${column((r) => r.event.rowJson)}::text[]
    )`.execute(db);
}

/** Which lanes a resolver drains: those equal to `resolver` modulo `resolvers`. */
export interface InboxShare {
  resolver: number;
  resolvers: number;
}

/** The share's lanes as a list (see readInbox). */
function lanesOf(share: InboxShare): number[] {
  const lanes: number[] = [];
  for (let lane = share.resolver; lane < CUSTOMER_LANES; lane += share.resolvers) lanes.push(lane);
  return lanes;
}

/**
 * The oldest `limit` rows of a resolver's lanes, in append order. The lanes go in as a list,
 * not as `lane % resolvers = resolver`: PostgreSQL has no statistics on that expression and
 * guessed it matched one row in 200, so it read and sorted the whole inbox (150 ms at 100,000
 * rows, the sort spilling to disk) where walking the primary key from its oldest row
 * reads about `limit × resolvers` rows (3.5 ms).
 */
export async function readInbox(
  db: Kysely<Database>,
  share: InboxShare,
  limit: number,
): Promise<InboxRow[]> {
  return inboxReadQuery(db, share, limit).execute();
}

/** The query of {@link readInbox}, for its plan to be examined. */
export function inboxReadQuery(db: Kysely<Database>, share: InboxShare, limit: number) {
  return db
    .selectFrom('cdp_inbox')
    .selectAll()
    .where(sql<boolean>`lane = ANY(${lanesOf(share)}::smallint[])`)
    .orderBy('inbox_id')
    .limit(limit);
}

/** Deletes inbox rows, carried in the transaction that stores their events. */
export function deleteFromInboxStatement(ids: readonly number[]): SqlText | undefined {
  if (ids.length === 0) return undefined;
  return sqlText`DELETE FROM cdp_inbox WHERE inbox_id = ANY(${sqlArray(ids.map(String), 'bigint')})`;
}

/** Deletes inbox rows on their own: those whose every event was refused. */
export async function deleteFromInbox(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`DELETE FROM cdp_inbox WHERE inbox_id = ANY(${ids}::bigint[])`.execute(db);
}

/** How many events wait in the inbox, and the receive time of the oldest. */
export async function inboxDepth(
  db: Kysely<Database>,
): Promise<{ events: number; oldestReceivedAt: Date | null }> {
  const row = await db
    .selectFrom('cdp_inbox')
    .select([sql<string>`count(*)`.as('events'), sql<Date | null>`min(received_at)`.as('oldest')])
    .executeTakeFirstOrThrow();
  return { events: Number(row.events), oldestReceivedAt: row.oldest };
}
