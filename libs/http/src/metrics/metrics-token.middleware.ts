import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

const BEARER = /^Bearer +(\S+) *$/i;

// Digests have one length whatever was sent, so timingSafeEqual can compare them and the
// time taken says nothing about the token.
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Lets a request through only with `Authorization: Bearer <token>`; anything else is a 401
 * problem (with `WWW-Authenticate`). The token is never logged or echoed.
 */
export function requireMetricsToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const sent = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      throw new AppError('UNAUTHENTICATED', {
        detail: 'GET /metrics needs Authorization: Bearer with the metrics token',
      });
    }
    next();
  };
}
