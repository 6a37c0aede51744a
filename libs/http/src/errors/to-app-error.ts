import { AppError } from './app-error';
import { isDatabaseUnavailableError } from './database-unavailable';

// body-parser reports its failures with a `type`; the raw body it may attach is never used.
const BODY_PARSER_ERRORS: Record<string, () => AppError> = {
  'entity.parse.failed': () =>
    new AppError('MALFORMED_JSON', { detail: 'The request body is not valid JSON' }),
  'entity.too.large': () =>
    new AppError('PAYLOAD_TOO_LARGE', { detail: 'The request body is too large' }),
  'encoding.unsupported': () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: 'Unsupported content encoding' }),
  'charset.unsupported': () =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: 'Unsupported charset: use utf-8' }),
  'request.aborted': () => new AppError('BAD_REQUEST', { detail: 'The request was aborted' }),
  'request.size.invalid': () =>
    new AppError('BAD_REQUEST', { detail: 'The request body does not match its Content-Length' }),
};

function bodyParserError(error: object): AppError | undefined {
  const type = 'type' in error ? error.type : undefined;
  if (typeof type !== 'string') return undefined;
  return BODY_PARSER_ERRORS[type]?.();
}

/**
 * Maps what middleware and drivers throw to the {@link AppError} it stands for: AppErrors
 * as they are, body-parser failures, undecodable path parameters, PostgreSQL unavailability.
 * Anything else is `undefined`: an unexpected error that the handler answers with a generic
 * 500.
 */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const fromBody = bodyParserError(error);
  if (fromBody !== undefined) return fromBody;
  // The router's verdict on a path parameter that is not percent-encoded UTF-8 (a lone
  // surrogate's %ED%A0%80, a cut-off sequence); its message quotes the parameter.
  if (error instanceof URIError) {
    return new AppError('BAD_REQUEST', {
      detail: 'The URL holds a parameter that is not percent-encoded UTF-8',
    });
  }
  if (isDatabaseUnavailableError(error)) {
    return new AppError('DATABASE_UNAVAILABLE', {
      detail: 'The database is unavailable; retry shortly',
      cause: error,
    });
  }
  return undefined;
}
