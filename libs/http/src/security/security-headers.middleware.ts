import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /** Where the Swagger UI lives; only there is the CSP relaxed. Default `/docs`. */
  docsPath?: string;
}

// The API only ever answers JSON: nothing may be loaded, framed or submitted.
export const API_CSP = {
  useDefaults: false,
  directives: {
    'default-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  },
} as const;

// Swagger UI: its own scripts and styles from this origin (it sets inline styles and
// uses data: images), and calls to the API for "Try it out". Still no third party.
export const DOCS_CSP = {
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  },
} as const;

/**
 * helmet's headers (HSTS, nosniff, frame denial, no X-Powered-By, …) with a CSP that
 * allows nothing, relaxed to same-origin scripts and styles under the docs path only.
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): RequestHandler {
  const docsPath = options.docsPath ?? '/docs';
  const api = replay(helmet({ contentSecurityPolicy: API_CSP }));
  const docs = replay(helmet({ contentSecurityPolicy: DOCS_CSP }));
  return (req, res, next) => {
    const isDocs = req.path === docsPath || req.path.startsWith(`${docsPath}/`);
    (isDocs ? docs : api)(res);
    next();
  };
}

type HeaderChange =
  { set: string; value: string | number | readonly string[] } | { remove: string };

/**
 * helmet builds its headers on every request (its directives may be functions); ours are
 * constant, so helmet runs once, against a recording response, and each request gets the
 * same changes replayed: the same headers for a fraction of the work on the hot path.
 */
function replay(middleware: ReturnType<typeof helmet>): (res: HeaderTarget) => void {
  const changes: HeaderChange[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      changes.push({ set: name, value });
      return recorder;
    },
    removeHeader: (name: string) => {
      changes.push({ remove: name });
    },
  };
  let failure: Error | undefined;
  // helmet reads nothing of the request, and calls next synchronously.
  middleware({} as never, recorder as never, (error?: unknown) => {
    if (error !== undefined) failure = error instanceof Error ? error : new Error('helmet failed');
  });
  if (failure !== undefined) throw failure;
  return (res) => {
    for (const change of changes) {
      if ('set' in change) res.setHeader(change.set, change.value);
      else res.removeHeader(change.remove);
    }
  };
}

interface HeaderTarget {
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  removeHeader(name: string): void;
}
