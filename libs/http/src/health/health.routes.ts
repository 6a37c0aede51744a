import express from 'express';
import type { Router } from 'express';
import { AppError } from '../errors/app-error';
import { sendProblem } from '../errors/problem';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import { isShuttingDown } from '../server/shutdown-state';

/** Options of {@link healthRouter}. */
export interface HealthOptions {
  /** Resolves when the database answers (e.g. `select 1`). */
  ping: () => Promise<void>;
  /** How long /readyz waits for `ping`. Default 1000 ms. */
  timeoutMs?: number;
  /** Where a failed ping's reason is logged (warn). */
  logger?: Logger;
}

async function withTimeout(run: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('ping timed out')), timeoutMs);
  });
  try {
    await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: 200 while the process runs. `GET /readyz`: 200 when the database
 * answers within the timeout, else 503 problem+json; also 503 once shutdown has begun,
 * so load balancers stop sending traffic while in-flight requests drain.
 */
export function healthRouter(options: HealthOptions): Router {
  const timeoutMs = options.timeoutMs ?? 1000;
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    if (isShuttingDown(req.app)) {
      sendProblem(res, new AppError('SERVICE_UNAVAILABLE', { detail: 'Shutting down' }));
      return;
    }
    try {
      await withTimeout(options.ping, timeoutMs);
    } catch (error) {
      options.logger?.warn('readiness ping failed', errorFields(error));
      sendProblem(
        res,
        new AppError('DATABASE_UNAVAILABLE', { detail: 'The database is not reachable' }),
      );
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ready' });
  });
  return router;
}
