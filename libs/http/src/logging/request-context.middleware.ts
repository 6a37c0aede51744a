import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from './logger';
import { captureRoutePattern, routePattern } from './route-pattern';

/** The header carrying the request id, in and out. */
const REQUEST_ID_HEADER = 'X-Request-Id';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The id of the current request (set by {@link requestContext}). */
export function getRequestId(res: Response): string | undefined {
  return res.locals.requestId;
}

/**
 * First middleware of an app: takes `X-Request-Id` when it is well formed (else makes a
 * UUID), echoes it, and writes one access log line when the response finishes, with
 * request_id, tenant_id, method, route pattern, status and duration_ms. Bodies, headers,
 * query strings and raw URLs are never logged.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get(REQUEST_ID_HEADER);
    const requestId =
      incoming !== undefined && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    captureRoutePattern(req);

    // Access lines are `info`: with the level above it, skip the listeners altogether.
    if (!logger.isLevelEnabled('info')) {
      next();
      return;
    }
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      logger.info('request', {
        request_id: requestId,
        tenant_id: res.locals.auth?.tenantId ?? null,
        method: req.method,
        route: routePattern(req) ?? null,
        status: res.statusCode,
        duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}
