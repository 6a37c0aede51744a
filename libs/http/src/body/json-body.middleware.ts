import express from 'express';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

/** The media types accepted as JSON. */
const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

function hasNonEmptyBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Answers 415 UNSUPPORTED_MEDIA_TYPE when a request carries a body that is not declared
 * JSON (`application/json` or `application/*+json`). Mount it before {@link jsonBody}:
 * express.json alone silently skips other content types and leaves `req.body` empty.
 */
export function requireJson(): RequestHandler {
  return (req, _res, next) => {
    if (hasNonEmptyBody(req) && !req.is(JSON_MEDIA_TYPES)) {
      next(
        new AppError('UNSUPPORTED_MEDIA_TYPE', {
          detail: 'Send the body as application/json',
        }),
      );
      return;
    }
    next();
  };
}

/** Options of {@link jsonBody}. */
export interface JsonBodyOptions {
  /** Largest accepted body, in bytes or as '512kb'. */
  limit: string | number;
}

/**
 * Parses JSON bodies (strict: objects and arrays only) up to `limit`. Its failures are
 * mapped by `errorHandler`: 400 MALFORMED_JSON, 413 PAYLOAD_TOO_LARGE, 415 for an
 * unsupported charset or encoding.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  return express.json({ strict: true, limit: options.limit, type: JSON_MEDIA_TYPES });
}
