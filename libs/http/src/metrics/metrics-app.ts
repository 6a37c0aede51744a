import express from 'express';
import type { Express } from 'express';
import { errorHandler, notFoundHandler } from '../errors/error-handler';
import { healthRouter } from '../health/health.routes';
import type { HealthOptions } from '../health/health.routes';
import type { Logger } from '../logging/logger';
import type { Metrics } from './metrics';
import { metricsRoute } from './metrics.middleware';
import { requireMetricsToken } from './metrics-token.middleware';

export interface MetricsAppOptions {
  metrics: Pick<Metrics, 'registry'>;
  logger: Logger;
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /**
   * Also serves `/healthz` and `/readyz` (never behind the token), for an app whose only
   * listener this is (the worker).
   */
  health?: HealthOptions;
}

/**
 * The app of the metrics listener: `GET /metrics` and nothing else (404 problem+json), so
 * the metrics stay off the public port. Its requests are not observed: the request
 * histogram is about API traffic, not scrapes. With `health`, the health routes too.
 */
export function createMetricsApp(options: MetricsAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const guard = options.token === undefined ? [] : [requireMetricsToken(options.token)];
  if (options.health !== undefined) app.use(healthRouter(options.health));
  app.get('/metrics', ...guard, metricsRoute(options.metrics));
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}
