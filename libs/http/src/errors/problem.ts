import type { Response } from 'express';
import type { AppError, FieldError } from './app-error';
import type { ErrorCode } from './error-codes';
import { TITLE_BY_CODE } from './error-codes';

/** Where problem types live; each code's type is this plus the code in kebab case. */
const PROBLEM_TYPE_BASE = 'https://stratum-cdp.dev/problems/';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `Retry-After` (seconds) of a 503 whose error names no other delay. */
const DEFAULT_RETRY_AFTER_SECONDS = 2;

/** The body of every error answer. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  request_id: string | null;
  errors?: FieldError[];
}

/** `RATE_LIMITED` → `https://stratum-cdp.dev/problems/rate-limited`. */
export function problemTypeFor(code: ErrorCode): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replaceAll('_', '-');
}

/** The problem body of an {@link AppError}. */
export function toProblemDetails(error: AppError, requestId: string | undefined): ProblemDetails {
  const problem: ProblemDetails = {
    type: problemTypeFor(error.code),
    title: TITLE_BY_CODE[error.code],
    status: error.status,
    detail: error.detail,
    request_id: requestId ?? null,
  };
  if (error.errors !== undefined && error.errors.length > 0) problem.errors = error.errors;
  return problem;
}

/**
 * Writes an {@link AppError} as `application/problem+json`, with `Retry-After` when the
 * error carries one (503s default to 2 s) and the `WWW-Authenticate` challenge on 401.
 */
export function sendProblem(res: Response, error: AppError): void {
  const retryAfter =
    error.retryAfterSeconds ?? (error.status === 503 ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
  if (retryAfter !== undefined) {
    res.setHeader('Retry-After', String(Math.max(0, Math.ceil(retryAfter))));
  }
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="stratum-cdp"');
  res.setHeader('Cache-Control', 'no-store');
  res
    .status(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(toProblemDetails(error, res.locals.requestId)));
}
