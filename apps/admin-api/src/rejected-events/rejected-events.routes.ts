import { Router } from 'express';
import type { Kysely } from 'kysely';
import { listRejectedEvents } from '@stratum/db';
import type { Database, RejectedEventRecord } from '@stratum/db';
import { AppError, getAuth, parseQuery, requireScope } from '@stratum/http';
import { RejectedEventsQuerySchema } from '@stratum/schemas';
import type { RejectedEvent, RejectedEventList, RejectionRoute } from '@stratum/schemas';
import { decodeRejectedCursor, encodeRejectedCursor } from './rejected-cursor';

export interface RejectedEventsRouteDeps {
  db: Kysely<Database>;
}

/**
 * GET /rejected-events: the tenant's rejected-events log, newest first, by source and
 * reason. The ingest API writes it; this only reads.
 */
export function rejectedEventsRouter({ db }: RejectedEventsRouteDeps): Router {
  const router = Router();
  router.get('/rejected-events', requireScope('sources:read'), async (req, res) => {
    const query = parseQuery(RejectedEventsQuerySchema, req.query);
    const beforeSeq = query.cursor === undefined ? undefined : decodeRejectedCursor(query.cursor);
    if (query.cursor !== undefined && beforeSeq === undefined) {
      throw new AppError('VALIDATION_FAILED', {
        detail: 'The query parameters are invalid',
        errors: [{ path: 'cursor', message: 'is not a cursor returned by this API' }],
      });
    }
    // One row more than the page tells whether another page follows.
    const rows = await listRejectedEvents(db, {
      tenantId: getAuth(res).tenantId,
      sourceId: query.source_id,
      reason: query.reason,
      beforeSeq,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const body: RejectedEventList = {
      rejected_events: page.map(rejectedEventToResponse),
      next_cursor:
        rows.length > query.limit && last !== undefined ? encodeRejectedCursor(last.seq) : null,
    };
    res.json(body);
  });
  return router;
}

function rejectedEventToResponse(row: RejectedEventRecord): RejectedEvent {
  return {
    rejected_at: row.rejectedAt.toISOString(),
    source_id: row.sourceId,
    route: row.route as RejectionRoute,
    event_id: row.eventId,
    index: row.index,
    reason: row.reason as RejectedEvent['reason'],
    errors: row.errors,
    payload: row.payload,
  };
}
