import type { RequestHandler, Response } from 'express';
import { AppError } from '../errors/app-error';
import { getAuth } from '../auth/auth-context';

/** Methods of the ingestion routes a browser may call. */
const CORS_METHODS = 'POST, OPTIONS';

/**
 * Request headers a page may send: ours, and what analytics.js sets (`Content-Type:
 * text/plain`, the write key as Basic `Authorization`, `X-Retry-Count` on a retry; a
 * retry whose preflight refused that header would be lost). posthog-js sends only
 * `Content-Type`.
 */
const CORS_ALLOWED_HEADERS = 'Content-Type, Authorization, Content-Encoding, X-Retry-Count';

/** Answer headers a page may read: what a client needs to back off. */
const CORS_EXPOSED_HEADERS = 'Retry-After, RateLimit, RateLimit-Policy';

/** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours). */
const CORS_MAX_AGE_SECONDS = 86_400;

function allowOrigin(res: Response, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
}

/**
 * Answers a CORS preflight (OPTIONS) with 204. A preflight carries no key, so it cannot know
 * the source: it is answered for any origin, as the `cors` package does with
 * `origin: true`, and the source's allowed origins are enforced on the request itself.
 */
export function corsPreflight(): RequestHandler {
  return (req, res) => {
    res.vary('Origin');
    const origin = req.get('Origin');
    if (origin !== undefined) {
      allowOrigin(res, origin);
      res.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
      res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', String(CORS_MAX_AGE_SECONDS));
    }
    res.status(204).setHeader('Content-Length', '0');
    res.end();
  };
}

/**
 * Lets the calling page read the answer, errors included (a 401 or 429 a page cannot read
 * looks like a network failure). Put it first; {@link requireAllowedOrigin} narrows it
 * once the key is known. No credentials: the routes take keys, never cookies.
 */
export function corsHeaders(): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('Origin');
    if (origin !== undefined) {
      allowOrigin(res, origin);
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
    }
    next();
  };
}

/**
 * Answers 403 naming `Origin` when the request comes from a web page whose origin the key's
 * source does not list; the answer then carries no `Access-Control-Allow-Origin`, so that
 * page cannot read it. Requests without `Origin` (servers, curl) and keys without a source
 * pass, as do sources that allow any origin (`allowedOrigins: null`).
 */
export function requireAllowedOrigin(): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('Origin');
    const allowed = getAuth(res).source?.allowedOrigins ?? null;
    if (origin !== undefined && allowed !== null && !allowed.includes(origin)) {
      res.removeHeader('Access-Control-Allow-Origin');
      res.removeHeader('Access-Control-Expose-Headers');
      throw new AppError('FORBIDDEN', {
        detail: 'This source does not accept events from web pages of this origin',
        errors: [{ path: 'Origin', message: "is not one of the source's allowed_origins" }],
      });
    }
    next();
  };
}
