import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logging/logger';
import { errorFields } from '../logging/logger';
import { routePattern } from '../logging/route-pattern';
import { AppError } from './app-error';
import { sendProblem } from './problem';
import { toAppError } from './to-app-error';

const GENERIC_DETAIL = 'An unexpected error occurred';

/**
 * The one error handler, mounted last. A known error (AppError, body-parser failure,
 * database unavailability) becomes its problem+json answer; anything else is logged with
 * its stack and answered with a generic 500 that carries no stack and no message.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const known = toAppError(error);
    const answer = known ?? new AppError('INTERNAL', { detail: GENERIC_DETAIL, cause: error });
    const context = {
      request_id: res.locals.requestId ?? null,
      method: req.method,
      route: routePattern(req) ?? null,
      code: answer.code,
    };
    if (known === undefined) {
      logger.error('unhandled error', { ...context, ...errorFields(error) });
    } else if (answer.status >= 500) {
      logger.warn(answer.detail, { ...context, ...errorFields(answer.cause ?? answer) });
    }
    // Once headers are out the answer cannot change; Express closes the connection.
    if (res.headersSent) {
      next(error);
      return;
    }
    sendProblem(res, answer);
  };
}

/** Mounted after every route: answers a request that matched none with a 404 problem. */
export const notFoundHandler: RequestHandler = (_req, res) => {
  sendProblem(res, new AppError('NOT_FOUND', { detail: 'No such resource' }));
};
