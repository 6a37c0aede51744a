import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import type { ApiScope } from '@stratum/schemas';
import { getAuth, hasScope } from './auth-context';

/** Answers 403 FORBIDDEN unless the caller's key has `scope` (or `admin`). */
export function requireScope(scope: ApiScope): RequestHandler {
  return (_req, res, next) => {
    if (!hasScope(getAuth(res), scope)) {
      throw new AppError('FORBIDDEN', { detail: `This API key lacks the scope ${scope}` });
    }
    next();
  };
}

/**
 * Answers 403 SOURCE_DISABLED when the caller's key belongs to a disabled source. Keys
 * without a source (secret keys) pass.
 */
export function requireEnabledSource(): RequestHandler {
  return (_req, res, next) => {
    const source = getAuth(res).source;
    if (source !== null && !source.enabled) {
      throw new AppError('SOURCE_DISABLED', { detail: 'The source of this API key is disabled' });
    }
    next();
  };
}
