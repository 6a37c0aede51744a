import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import { dataExceptionIssue, isDataException } from './data-exception';
import { ingestRequests } from './ingest-batch.service';
import type { IngestRequest, IngestResult, IngestTenant } from './ingest-batch.service';
import type { StorableEvent } from './normalized-event';

/** Rounds of "set the refused events aside, store the rest" before giving up. */
const MAX_ROUNDS = 3;

interface Refused {
  event: StorableEvent;
  error: unknown;
}

/**
 * Stores one request whose transaction failed with `failure`. When PostgreSQL refused some
 * event's content (a data exception), the events it refuses are found by halving in trial
 * transactions that roll back, and the rest are then stored in one transaction, as the
 * request would have been: the refused events come back `rejected`, naming no value. Any
 * other failure is the request's own and is thrown. Nothing runs concurrently: the caller's
 * one transaction slot is all this uses.
 */
export async function isolateBadEvents(
  db: Kysely<Database>,
  tenant: IngestTenant,
  request: IngestRequest,
  failure: unknown,
): Promise<IngestResult[]> {
  const refused: Refused[] = [];
  let events = request.events;
  for (let round = 1; ; round++) {
    if (!isDataException(failure) || round > MAX_ROUNDS) throw failure;
    const found = await findRefused(db, tenant, { ...request, events }, failure);
    refused.push(...found);
    const bad = new Set(found.map((r) => r.event));
    events = events.filter((event) => !bad.has(event));
    if (events.length === 0) return merge(request, [], refused);
    try {
      const [stored] = await ingestRequests(db, tenant, [{ ...request, events }]);
      return merge(request, stored!, refused);
    } catch (error) {
      // Refused again, by what the trials did not see (a concurrent change): go round again.
      failure = error;
    }
  }
}

/** The events of `request`, which failed with `failure`, that PostgreSQL refuses. */
async function findRefused(
  db: Kysely<Database>,
  tenant: IngestTenant,
  request: IngestRequest,
  failure: unknown,
): Promise<Refused[]> {
  const { events } = request;
  if (events.length === 1) return [{ event: events[0]!, error: failure }];
  const middle = Math.ceil(events.length / 2);
  const halves = [events.slice(0, middle), events.slice(middle)];
  const refused: Refused[] = [];
  let failedHalves = 0;
  for (const half of halves) {
    const error = await trial(db, tenant, { ...request, events: half });
    if (error === undefined) continue;
    failedHalves += 1;
    refused.push(...(await findRefused(db, tenant, { ...request, events: half }, error)));
  }
  // Refused together but each half accepted alone: none can be told from the others.
  if (failedHalves === 0) return events.map((event) => ({ event, error: failure }));
  return refused;
}

/** The data exception storing `request` would fail with, found without storing anything. */
async function trial(
  db: Kysely<Database>,
  tenant: IngestTenant,
  request: IngestRequest,
): Promise<unknown> {
  try {
    await ingestRequests(db, tenant, [request], { rollBack: true });
    return undefined;
  } catch (error) {
    if (isDataException(error)) return error;
    throw error;
  }
}

/** The request's results in its own order: those stored, and the refused ones rejected. */
function merge(
  request: IngestRequest,
  stored: readonly IngestResult[],
  refused: readonly Refused[],
): IngestResult[] {
  const byIndex = new Map<number, IngestResult>(stored.map((r) => [r.index, r]));
  for (const { event, error } of refused) {
    byIndex.set(event.index, {
      index: event.index,
      status: 'rejected',
      errors: [dataExceptionIssue(error)],
    });
  }
  return request.events.map((event) => byIndex.get(event.index)!);
}
