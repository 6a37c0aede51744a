import type { Kysely } from 'kysely';
import type { Database } from '@stratum/db';
import type { IngestRequest, IngestResult, IngestTenant } from './ingest-batch.service';
import { requestLaneOf } from '../lanes/customer-lane';
import { storeRequests } from './store-requests';
import { MAX_EVENTS_PER_TRANSACTION } from './transaction-size';

export interface IngestQueueOptions {
  /** A transaction takes waiting requests until it holds this many events (at least one request). */
  maxEventsPerTransaction?: number;
  /**
   * Lanes each tenant's requests are spread over by customer (see requestLaneOf): lanes run
   * side by side, requests of one lane coalesce. 1: a tenant is one lane.
   */
  lanesPerTenant?: number;
  /** Transactions of one lane running at once; the rest of its requests wait and coalesce. */
  maxTransactionsPerLane?: number;
}

export interface IngestQueue {
  /** Stores one request's events; resolves once they are committed. */
  submit(tenant: IngestTenant, request: IngestRequest): Promise<IngestResult[]>;
}

interface Waiting {
  tenant: IngestTenant;
  request: IngestRequest;
  resolve: (results: IngestResult[]) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  waiting: Waiting[];
  running: number;
}

/**
 * Group commit for ingestion, in lanes: each tenant's requests are spread over
 * `lanesPerTenant` lanes by customer (the lane most of a request's events fall in, see
 * requestLaneOf). Batches that share customers serialize on their identifier locks, so
 * running them side by side only makes them queue in PostgreSQL while each holds a
 * connection. Instead, while a lane has `maxTransactionsPerLane` transactions running, its
 * new requests wait here and the next transaction takes all of them at once: the same work
 * in fewer, larger transactions (fewer round trips, commits and lock hand-overs). Lanes
 * hold mostly different customers, so they run side by side; the identifier locks keep
 * them correct when they do share one. An idle lane's request starts at once, so a lone
 * request never waits.
 *
 * Each request still answers only after its own events are committed. If a shared
 * transaction fails for another reason than an unreachable database, the group is halved
 * until each failing request stands alone, so one request's bad data cannot fail its
 * neighbours, and a lone request's events that PostgreSQL refuses are rejected one by one
 * (isolateBadEvents). All of that runs one transaction at a time in the group's own slot,
 * so a lane never has more than `maxTransactionsPerLane` running.
 */
export function createIngestQueue(
  db: Kysely<Database>,
  options: IngestQueueOptions = {},
): IngestQueue {
  const maxEvents = options.maxEventsPerTransaction ?? MAX_EVENTS_PER_TRANSACTION;
  const lanesPerTenant = options.lanesPerTenant ?? 1;
  const maxRunning = options.maxTransactionsPerLane ?? 2;
  const lanes = new Map<string, Lane>();

  /** Stores `group` (see storeRequests) and answers each of its requests. */
  const run = async (group: Waiting[]): Promise<void> => {
    const stored = await storeRequests(
      db,
      group[0]!.tenant,
      group.map((w) => w.request),
    );
    group.forEach((w, i) => {
      const outcome = stored[i]!;
      if (outcome.ok) w.resolve(outcome.results);
      else w.reject(outcome.error);
    });
  };

  const pump = (key: string, lane: Lane): void => {
    while (lane.running < maxRunning && lane.waiting.length > 0) {
      let events = 0;
      let take = 0;
      while (take < lane.waiting.length) {
        const size = lane.waiting[take]!.request.events.length;
        if (take > 0 && events + size > maxEvents) break;
        events += size;
        take += 1;
      }
      const group = lane.waiting.splice(0, take);
      lane.running += 1;
      void run(group).finally(() => {
        lane.running -= 1;
        if (lane.running === 0 && lane.waiting.length === 0) lanes.delete(key);
        else pump(key, lane);
      });
    }
  };

  return {
    submit: (tenant, request) =>
      new Promise((resolve, reject) => {
        const key = `${tenant.tenantId}/${requestLaneOf(request.events, lanesPerTenant)}`;
        let lane = lanes.get(key);
        if (lane === undefined) {
          lane = { waiting: [], running: 0 };
          lanes.set(key, lane);
        }
        lane.waiting.push({ tenant, request, resolve, reject });
        pump(key, lane);
      }),
  };
}
