import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /** Where the Swagger UI lives; only there is the CSP relaxed. Default `/docs`. */
  docsPath?: string;
}

// The API only ever answers JSON: nothing may be loaded, framed or submitted.
const API_CSP = {
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
const DOCS_CSP = {
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
  const api = helmet({ contentSecurityPolicy: API_CSP });
  const docs = helmet({ contentSecurityPolicy: DOCS_CSP });
  return (req, res, next) => {
    const isDocs = req.path === docsPath || req.path.startsWith(`${docsPath}/`);
    (isDocs ? docs : api)(req, res, next);
  };
}
