import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { sqlArray, sqlText } from '@stratum/db';
import type { Database, InboxRow, SqlText } from '@stratum/db';
import type { RejectionRoute } from '@stratum/schemas';
import type { NormalizedEvent } from '../store/normalized-event';
import { encodeInboxResolution } from './inbox-event';
import { inboxLaneOf } from './inbox-lane';

/** The valid events of one request, accepted to be resolved later. */
export interface InboxAppend {
  tenantId: string;
  sourceId: string | null;
  receivedAt: Date;
  route: RejectionRoute;
  events: readonly NormalizedEvent[];
}

/**
 * Appends a request's events to the inbox in one statement (the rows as arrays: three
 * parameters whatever the batch size). Durable once it returns: it commits on its own.
 */
export async function appendToInbox(db: Kysely<Database>, append: InboxAppend): Promise<void> {
  if (append.events.length === 0) return;
  const { events } = append;
  await sql`INSERT INTO cdp_inbox
      (tenant_id, lane, source_id, received_at, route, event_index, resolution, event_row)
    SELECT ${append.tenantId}::uuid, l, ${append.sourceId}::uuid, ${append.receivedAt}::timestamptz,
      ${append.route}::text, x, r, e
    FROM unnest(
      ${events.map((e) => inboxLaneOf(e.identifiers))}::smallint[],
      ${events.map((e) => e.index)}::integer[],
      ${events.map(encodeInboxResolution)}::text[],
      ${events.map((e) => e.rowJson)}::text[]
    ) AS u(l, x, r, e)`.execute(db);
}

/** Which lanes a resolver drains: those equal to `resolver` modulo `resolvers`. */
export interface InboxShare {
  resolver: number;
  resolvers: number;
}

/** The oldest `limit` rows of a resolver's lanes, in append order. */
export async function readInbox(
  db: Kysely<Database>,
  share: InboxShare,
  limit: number,
): Promise<InboxRow[]> {
  return db
    .selectFrom('cdp_inbox')
    .selectAll()
    .where(sql<boolean>`lane % ${share.resolvers} = ${share.resolver}`)
    .orderBy('inbox_id')
    .limit(limit)
    .execute();
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
