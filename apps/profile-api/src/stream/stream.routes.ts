import { Router } from 'express';
import type { Request, Response } from 'express';
import { WebSocketServer } from 'ws';
import type { Db } from '@stratum/db';
import { AppError, getAuth, hasScope, parseQuery, requireScope, takeUpgrade } from '@stratum/http';
import { STREAM_TYPES, StreamIdSchema, StreamQuerySchema } from '@stratum/schemas';
import type { StreamType } from '@stratum/schemas';
import { liveSegmentExists } from '../exports/profile-export.repository';
import type { StreamHub } from './stream-hub';
import type { StreamFilter } from './stream-reader';
import { sseSink } from './sse-sink';
import { wsSink } from './ws-sink';

export interface StreamRouteDeps {
  db: Db;
  hub: StreamHub;
}

const SEGMENT_TYPES: readonly StreamType[] = ['segment.entered', 'segment.exited'];

/** A request's filter and resume point, checked against its key's scopes and tenant. */
interface StreamRequest {
  tenantId: string;
  filter: StreamFilter;
  after: string | undefined;
}

async function parseStreamRequest(db: Db, req: Request, res: Response): Promise<StreamRequest> {
  const query = parseQuery(StreamQuerySchema, req.query);
  const auth = getAuth(res);
  // Memberships are segment data: without `segments:read` a key is never sent them.
  const mayReadSegments = hasScope(auth, 'segments:read');
  const asked =
    query.types ?? STREAM_TYPES.filter((t) => mayReadSegments || !SEGMENT_TYPES.includes(t));
  if (
    !mayReadSegments &&
    (query.segment !== undefined || asked.some((t) => SEGMENT_TYPES.includes(t)))
  ) {
    throw new AppError('FORBIDDEN', { detail: 'This API key lacks the scope segments:read' });
  }
  if (query.segment !== undefined && !(await liveSegmentExists(db, auth.tenantId, query.segment))) {
    throw new AppError('NOT_FOUND', { detail: 'No segment with this id' });
  }
  return {
    tenantId: auth.tenantId,
    filter: { types: new Set(asked), segmentId: query.segment },
    after: lastEventId(req) ?? query.after,
  };
}

// EventSource sends the last id it saw in this header when it reconnects.
function lastEventId(req: Request): string | undefined {
  const header = req.get('Last-Event-ID');
  if (header === undefined || header === '') return undefined;
  const parsed = StreamIdSchema.safeParse(header);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'The Last-Event-ID header must be the id of a stream message',
      errors: [{ path: 'Last-Event-ID', message: 'must be the id of a stream message' }],
    });
  }
  return parsed.data;
}

function ensureRoom(hub: StreamHub): void {
  if (hub.hasRoom()) return;
  throw new AppError('SERVICE_UNAVAILABLE', {
    detail: 'This server has as many live stream readers as it takes; try again shortly',
    retryAfterSeconds: 5,
  });
}

/**
 * The live stream under /api/v1/cdp (`profiles:read`): server-sent events at /stream, a
 * WebSocket at /stream/ws, one feed of profile updates, merges, segment entries and exits
 * and incoming events (SPEC §12, §17).
 */
export function streamRouter(deps: StreamRouteDeps): Router {
  const { db, hub } = deps;
  // Readers send nothing: a small frame limit keeps a misbehaving one cheap.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const router = Router();
  router.use('/stream', requireScope('profiles:read'));

  router.get('/stream', async (req, res) => {
    const request = await parseStreamRequest(db, req, res);
    ensureRoom(hub);
    await hub.open(request.tenantId, request.filter, sseSink(res), request.after);
  });

  router.get('/stream/ws', async (req, res) => {
    const request = await parseStreamRequest(db, req, res);
    ensureRoom(hub);
    const upgrade = takeUpgrade(req, res);
    if (upgrade === undefined) {
      res.setHeader('Upgrade', 'websocket');
      throw new AppError('UPGRADE_REQUIRED', {
        detail: 'Connect with a WebSocket client; GET /api/v1/cdp/stream serves server-sent events',
      });
    }
    wss.handleUpgrade(req, upgrade.socket, upgrade.head, (ws) => {
      void hub.open(request.tenantId, request.filter, wsSink(ws), request.after);
    });
  });

  return router;
}
