import type { Request } from 'express';

/**
 * Whether the request asks for an asynchronous answer: `respond-async` among the
 * preferences of its `Prefer` headers (RFC 7240: comma-separated, each a token with
 * optional `=value` and `;` parameters, names compared without case).
 */
export function prefersAsync(req: Request): boolean {
  const header = req.headers['prefer'];
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values
    .flatMap((value) => value.split(','))
    .some((preference) => preference.split(/[=;]/)[0]!.trim().toLowerCase() === 'respond-async');
}
