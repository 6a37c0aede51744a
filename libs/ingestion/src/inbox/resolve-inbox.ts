import type { Kysely } from 'kysely';
import type { Database, InboxRow } from '@stratum/db';
import type { RejectedEventEntry, RejectedEventsLog } from '../rejected/rejected-events-log';
import { SUPPRESSED_ISSUE } from '../rejected/suppressed-issue';
import type { IngestRequest, IngestResult } from '../store/ingest-batch.service';
import { storeRequests } from '../store/store-requests';
import { MAX_EVENTS_PER_TRANSACTION, chunkBySize } from '../store/transaction-size';
import type { TenantSettingsReader } from '../tenants/tenant-settings.repository';
import { decodeInboxEvent } from './inbox-event';
import { deleteFromInbox, readInbox } from './inbox.statements';
import type { InboxShare } from './inbox.statements';

/** What {@link resolveInbox} needs. */
export interface ResolveInboxDeps {
  db: Kysely<Database>;
  getTenantSettings: TenantSettingsReader;
  rejectedLog: RejectedEventsLog;
}

/** What one run did. */
export interface InboxRun {
  /** Inbox events read (each stored, a duplicate, suppressed or rejected). */
  events: number;
  stored: number;
  duplicates: number;
  suppressed: number;
  rejected: number;
  /** The read was full: more may be waiting. */
  backlog: boolean;
  /** Receive times of the events read, for the resolution lag. */
  receivedAt: Date[];
}

/** A request rebuilt from inbox rows, with where each of its events came from. */
interface InboxRequest {
  tenantId: string;
  route: string;
  request: IngestRequest & { inboxIds: number[] };
  /** By position in `request.events`: the event's index in its original request. */
  originalIndex: number[];
}

/**
 * Resolves the oldest `limit` events of a resolver's lanes: each tenant's events in
 * transactions of up to MAX_EVENTS_PER_TRANSACTION (halved on failure, see storeRequests) that also deletes their inbox rows, so
 * a crash leaves them either stored and gone or waiting, never both. The same store step
 * as a synchronous request: dedupe, suppression, resolution and the change feed behave
 * alike. Events PostgreSQL refuses and suppressed ones go to the rejected-events log. An
 * unreachable database (or any failure isolation cannot pin on an event) throws: the rows
 * stay, and the queue runs the job again.
 */
export async function resolveInbox(
  deps: ResolveInboxDeps,
  share: InboxShare,
  limit: number,
): Promise<InboxRun> {
  const rows = await readInbox(deps.db, share, limit);
  const run: InboxRun = {
    events: rows.length,
    stored: 0,
    duplicates: 0,
    suppressed: 0,
    rejected: 0,
    backlog: rows.length === limit,
    receivedAt: rows.map((r) => r.received_at),
  };
  const byTenant = new Map<string, InboxRequest[]>();
  for (const request of inboxRequests(rows)) {
    const list = byTenant.get(request.tenantId) ?? [];
    list.push(request);
    byTenant.set(request.tenantId, list);
  }
  for (const [tenantId, all] of byTenant) {
    const settings = await deps.getTenantSettings(tenantId);
    for (const requests of chunkBySize(
      all,
      (r) => r.request.events.length,
      MAX_EVENTS_PER_TRANSACTION,
    )) {
      const stored = await storeRequests(
        deps.db,
        { tenantId, settings },
        requests.map((r) => r.request),
      );
      const failed = stored.find((s) => !s.ok);
      if (failed !== undefined && !failed.ok) throw failed.error;
      const rejected: RejectedEventEntry[] = [];
      const unstored: number[] = [];
      stored.forEach((outcome, i) => {
        if (!outcome.ok) return;
        rejected.push(...tally(run, requests[i]!, outcome.results));
        // Every event refused: no transaction stored the request, nor deleted its rows.
        if (outcome.results.every((r) => r.status === 'rejected')) {
          unstored.push(...requests[i]!.request.inboxIds);
        }
      });
      await deps.rejectedLog.record(tenantId, rejected);
      await deleteFromInbox(deps.db, unstored);
    }
  }
  return run;
}

/**
 * The inbox rows as requests: consecutive rows of one tenant, source, receive time and
 * route are one request again (rows of requests appended at once may interleave: they then
 * make more, smaller requests, which changes nothing of the outcome).
 */
function inboxRequests(rows: readonly InboxRow[]): InboxRequest[] {
  const requests: InboxRequest[] = [];
  let current: InboxRequest | undefined;
  for (const row of rows) {
    const same =
      current !== undefined &&
      current.tenantId === row.tenant_id &&
      current.route === row.route &&
      current.request.sourceId === row.source_id &&
      current.request.receivedAt.getTime() === row.received_at.getTime();
    if (!same) {
      current = {
        tenantId: row.tenant_id,
        route: row.route,
        request: { sourceId: row.source_id, receivedAt: row.received_at, events: [], inboxIds: [] },
        originalIndex: [],
      };
      requests.push(current);
    }
    const events = current!.request.events as ReturnType<typeof decodeInboxEvent>[];
    events.push(decodeInboxEvent(row.resolution, row.event_row, events.length));
    current!.request.inboxIds.push(row.inbox_id);
    current!.originalIndex.push(row.event_index);
  }
  return requests;
}

/** Counts a request's results into `run`; returns its log entries (refused or suppressed). */
function tally(
  run: InboxRun,
  request: InboxRequest,
  results: readonly IngestResult[],
): RejectedEventEntry[] {
  const entries: RejectedEventEntry[] = [];
  for (const result of results) {
    const event = request.request.events[result.index]!;
    const logged = {
      sourceId: request.request.sourceId,
      route: request.route,
      eventId: event.eventId.replaceAll('\0', '\uFFFD'),
      index: request.originalIndex[result.index]!,
      payloadJson: `${event.rowJson}}`,
    };
    if (result.status === 'accepted') run.stored += 1;
    else if (result.status === 'duplicate') run.duplicates += 1;
    else if (result.status === 'suppressed') {
      run.suppressed += 1;
      entries.push({ ...logged, reason: 'suppressed', errors: [{ ...SUPPRESSED_ISSUE }] });
    } else {
      run.rejected += 1;
      entries.push({ ...logged, reason: 'database_refused', errors: result.errors });
    }
  }
  return entries;
}
