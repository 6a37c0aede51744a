import type { RequestHandler } from 'express';
import { captureRoutePattern, routePattern } from '../logging/route-pattern';
import type { Metrics } from './metrics';

/** The `route` label of requests that matched no route (keeps label cardinality bounded). */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Observes every request's duration in `http_request_duration_seconds`, labelled with the
 * matched route pattern (never the raw URL), method and status.
 */
export function observeRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    captureRoutePattern(req);
    const stopTimer = metrics.httpRequestDuration.startTimer();
    res.on('finish', () => {
      stopTimer({
        method: req.method,
        route: routePattern(req) ?? UNMATCHED_ROUTE,
        status: String(res.statusCode),
      });
    });
    next();
  };
}

/** `GET /metrics`: the registry in the Prometheus text format. */
export function metricsRoute(metrics: Pick<Metrics, 'registry'>): RequestHandler {
  return async (_req, res) => {
    const body = await metrics.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(metrics.registry.contentType).send(body);
  };
}
