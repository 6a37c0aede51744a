import type { Db } from '@stratum/db';
import { inboxDepth } from '@stratum/ingestion';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The inbox resolver's metrics (names are a contract: the dashboard uses them). */
export interface InboxMetrics {
  /** `cdp_inbox_events_total{status}`: inbox events resolved, by what became of them. */
  resolved: Counter<'status'>;
  /** `cdp_inbox_resolution_lag_seconds`: from an event's receipt to its resolution's commit. */
  lag: Histogram;
  /** `cdp_events_rejected_total{reason}`: events the resolver refused (as the ingest API counts). */
  eventsRejected: Counter<'reason'>;
}

/**
 * Registers the inbox metrics in `registry` (a fresh one by default, for tests), with
 * `cdp_inbox_events` (events waiting) and `cdp_inbox_oldest_seconds` (the oldest one's
 * age) read from `db` when scraped: a growing inbox is what to alert on.
 */
export function createInboxMetrics(registry: Registry = new Registry(), db?: Db): InboxMetrics {
  const registers = [registry];
  if (db !== undefined) registerDepth(registers, db);
  return {
    resolved: new Counter({
      name: 'cdp_inbox_events_total',
      help: 'Inbox events resolved by the worker, by outcome',
      labelNames: ['status'] as const,
      registers,
    }),
    lag: new Histogram({
      name: 'cdp_inbox_resolution_lag_seconds',
      help: 'Time from receiving an event (202) to committing its resolution',
      buckets: [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60],
      registers,
    }),
    eventsRejected: new Counter({
      name: 'cdp_events_rejected_total',
      help: 'Events rejected, by reason (those the inbox resolver refused)',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
}

function registerDepth(registers: Registry[], db: Db): void {
  let reading: ReturnType<typeof inboxDepth> | undefined;
  // Both gauges are read in one scrape: one query serves them.
  const read = () =>
    (reading ??= inboxDepth(db).finally(() => setTimeout(() => (reading = undefined))));
  new Gauge({
    name: 'cdp_inbox_events',
    help: 'Events accepted (202) and waiting in the inbox for the resolver',
    registers,
    async collect() {
      this.set((await read()).events);
    },
  });
  new Gauge({
    name: 'cdp_inbox_oldest_seconds',
    help: 'Age of the oldest event waiting in the inbox (0 when empty)',
    registers,
    async collect() {
      const oldest = (await read()).oldestReceivedAt;
      this.set(oldest === null ? 0 : (Date.now() - oldest.getTime()) / 1000);
    },
  });
}
