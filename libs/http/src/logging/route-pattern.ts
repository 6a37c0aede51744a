import type { Request } from 'express';

const patterns = new WeakMap<Request, string>();

function joinPattern(baseUrl: string, path: unknown): string {
  const routePath = typeof path === 'string' ? path : String(path);
  const joined = `${baseUrl}${routePath}`;
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined || '/';
}

/**
 * Records the matched route pattern (`/api/v1/cdp/profiles/:id`) of this request as the
 * router matches it. Express resets `req.baseUrl` when an error leaves a sub-router, so
 * reading `baseUrl + route.path` at `finish` would lose the mount path of failed
 * requests; catching the assignment of `req.route` keeps the pair that matched.
 */
export function captureRoutePattern(req: Request): void {
  if (patterns.has(req)) return;
  let route: unknown = req.route;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: unknown) => {
      route = value;
      if (typeof value === 'object' && value !== null && 'path' in value) {
        patterns.set(req, joinPattern(req.baseUrl, value.path));
      }
    },
  });
  patterns.set(req, '');
}

/**
 * The matched route pattern of a request, never its raw URL (ids stay out of logs and
 * metric labels); `undefined` when no route matched (404s).
 */
export function routePattern(req: Request): string | undefined {
  const captured = patterns.get(req);
  if (captured) return captured;
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route) {
    return joinPattern(req.baseUrl, route.path);
  }
  return undefined;
}
