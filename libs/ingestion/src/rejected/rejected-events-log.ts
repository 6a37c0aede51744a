import type { Kysely } from 'kysely';
import { insertRejectedEvents } from '@stratum/db';
import type { Database, RejectedEventWrite } from '@stratum/db';
import type { Logger, Metrics } from '@stratum/http';
import type { RejectionReason } from '@stratum/schemas';
import { isDataException } from '../store/data-exception';

/** A rejected event to log, its reason one of REJECTION_REASONS. */
export type RejectedEventEntry = RejectedEventWrite & { reason: RejectionReason };

/** Where the ingest path records the events it rejects (SPEC §14). */
export interface RejectedEventsLog {
  /** Counts and logs one request's rejections; never throws (see createRejectedEventsLog). */
  record(tenantId: string, entries: readonly RejectedEventEntry[]): Promise<void>;
}

/**
 * The rejected-events log on PostgreSQL: one multi-row INSERT per request with rejections,
 * after the accepted events are committed (never inside their transaction: a log that
 * cannot be written must not cost accepted data, nor hold identifier locks longer). A
 * failure is logged and swallowed, so the answer about the accepted events stands; a value
 * PostgreSQL refuses (a data exception) is retried once without the payloads.
 */
export function createRejectedEventsLog(
  db: Kysely<Database>,
  logger: Logger,
  metrics: Pick<Metrics, 'eventsRejected'>,
): RejectedEventsLog {
  return {
    async record(tenantId, entries) {
      if (entries.length === 0) return;
      for (const entry of entries) metrics.eventsRejected.inc({ reason: entry.reason });
      try {
        await insertRejectedEvents(db, tenantId, entries);
        return;
      } catch (error) {
        if (!isDataException(error)) return logFailure(logger, tenantId, entries.length, error);
      }
      try {
        await insertRejectedEvents(
          db,
          tenantId,
          entries.map((e) => ({ ...e, payloadJson: null })),
        );
      } catch (error) {
        logFailure(logger, tenantId, entries.length, error);
      }
    },
  };
}

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

// The driver's message can quote the refused value: only its SQLSTATE is logged.
function logFailure(logger: Logger, tenantId: string, count: number, error: unknown): void {
  logger.warn('rejected events not logged', {
    tenant_id: tenantId,
    count,
    sqlstate: sqlState(error) ?? null,
  });
}
