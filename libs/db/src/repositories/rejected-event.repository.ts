import type { Db } from '../database';
import type { JsonValue } from '../tables/column-types';
import type { RejectedEventIssue } from '../tables/rejected-event.table';

/** One rejected event to log; the payload is already redacted, as JSON text (or null). */
export interface RejectedEventWrite {
  sourceId: string | null;
  route: string;
  eventId: string | null;
  index: number;
  reason: string;
  errors: readonly RejectedEventIssue[];
  payloadJson: string | null;
}

/** One entry of the log, as read. */
export interface RejectedEventRecord {
  seq: number;
  rejectedAt: Date;
  sourceId: string | null;
  route: string;
  eventId: string | null;
  index: number;
  reason: string;
  errors: RejectedEventIssue[];
  payload: JsonValue | null;
}

/** A page of the log: newest first, only rows numbered below `beforeSeq` when given. */
export interface RejectedEventsPage {
  tenantId: string;
  sourceId?: string;
  reason?: string;
  beforeSeq?: number;
  limit: number;
}

/** Logs a request's rejected events in one multi-row INSERT (one round trip). */
export async function insertRejectedEvents(
  db: Db,
  tenantId: string,
  rows: readonly RejectedEventWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('cdp_rejected_events')
    .values(
      rows.map((r) => ({
        tenant_id: tenantId,
        source_id: r.sourceId,
        route: r.route,
        event_id: r.eventId,
        event_index: r.index,
        reason: r.reason,
        errors: JSON.stringify(r.errors),
        payload: r.payloadJson,
      })),
    )
    .execute();
}

/** Reads one page of a tenant's log, newest first (by insertion order). */
export async function listRejectedEvents(
  db: Db,
  page: RejectedEventsPage,
): Promise<RejectedEventRecord[]> {
  let query = db
    .selectFrom('cdp_rejected_events')
    .select([
      'seq',
      'rejected_at',
      'source_id',
      'route',
      'event_id',
      'event_index',
      'reason',
      'errors',
      'payload',
    ])
    .where('tenant_id', '=', page.tenantId);
  if (page.sourceId !== undefined) query = query.where('source_id', '=', page.sourceId);
  if (page.reason !== undefined) query = query.where('reason', '=', page.reason);
  if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    rejectedAt: r.rejected_at,
    sourceId: r.source_id,
    route: r.route,
    eventId: r.event_id,
    index: r.event_index,
    reason: r.reason,
    errors: r.errors,
    payload: r.payload,
  }));
}
