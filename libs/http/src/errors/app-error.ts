import type { ErrorCode } from './error-codes';
import { STATUS_BY_CODE, TITLE_BY_CODE } from './error-codes';

/** One field-level problem, e.g. `{ path: 'events.0.identifiers.1.value', message: '…' }`. */
export interface FieldError {
  path: string;
  message: string;
}

/** Options of {@link AppError}. `message` and `detail` reach the client: no raw identifiers. */
export interface AppErrorOptions {
  /** The Error message; also the problem `detail` when `detail` is not given. */
  message?: string;
  /** The problem `detail` sent to the client. */
  detail?: string;
  /** Field-level problems, sent as the problem's `errors` member. */
  errors?: FieldError[];
  /** The underlying error, logged server side and never sent. */
  cause?: unknown;
  /** Sent as `Retry-After` (seconds) for 429 and 503 answers. */
  retryAfterSeconds?: number;
}

/**
 * The one error type of the APIs: a known outcome with a code from `ERROR_CODES`, turned
 * into an `application/problem+json` answer by `errorHandler`.
 *
 * @example
 * throw new AppError('NOT_FOUND', { detail: 'No profile with this id' });
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const detail = options.detail ?? options.message ?? TITLE_BY_CODE[code];
    super(
      options.message ?? detail,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.detail = detail;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Whether a value is an {@link AppError}. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
