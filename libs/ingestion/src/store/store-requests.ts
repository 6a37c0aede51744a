import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import { isDatabaseUnavailableError } from '@stratum/http';
import { ingestRequests } from './ingest-batch.service';
import type { IngestRequest, IngestResult, IngestTenant } from './ingest-batch.service';
import { isolateBadEvents } from './isolate-bad-events';

/** What became of one request of a group: its results, or the error that stopped it. */
export type StoredRequest = { ok: true; results: IngestResult[] } | { ok: false; error: unknown };

/**
 * Stores requests of one tenant in one transaction or, failing that, half by half until
 * each failing request stands alone, so one request's bad data cannot fail its neighbours;
 * a lone request's events that PostgreSQL refuses are rejected one by one (isolateBadEvents).
 * An unreachable database fails every request of the group at once. Runs one transaction at
 * a time: the caller's slot is all it uses.
 */
export async function storeRequests(
  db: Kysely<Database>,
  tenant: IngestTenant,
  requests: readonly IngestRequest[],
): Promise<StoredRequest[]> {
  let failure: unknown;
  try {
    const results = await ingestRequests(db, tenant, requests);
    return results.map((r) => ({ ok: true, results: r }));
  } catch (error) {
    failure = error;
  }
  if (isDatabaseUnavailableError(failure)) {
    return requests.map(() => ({ ok: false, error: failure }));
  }
  if (requests.length === 1) {
    return [
      await isolateBadEvents(db, tenant, requests[0]!, failure).then(
        (results): StoredRequest => ({ ok: true, results }),
        (error: unknown): StoredRequest => ({ ok: false, error }),
      ),
    ];
  }
  const middle = Math.ceil(requests.length / 2);
  return [
    ...(await storeRequests(db, tenant, requests.slice(0, middle))),
    ...(await storeRequests(db, tenant, requests.slice(middle))),
  ];
}
