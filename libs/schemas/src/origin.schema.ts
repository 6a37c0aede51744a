import { z } from 'zod';
import { expecting, rangeMessage } from './messages';

/** How many origins one source may list. */
export const MAX_ALLOWED_ORIGINS = 50;

const ORIGIN_MESSAGE =
  'must be an origin: http(s)://host[:port] with no path, like https://shop.example.com';

// What browsers put in `Origin`: a scheme, an ASCII (punycode) host or IP, maybe a port.
// No wildcards: an exact list is what the check compares against.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ORIGIN = new RegExp(
  `^(https?)://(${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?$`,
);
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/**
 * The origin as a browser serializes it in the `Origin` header (lower case, no default
 * port), or undefined when `value` is not an origin.
 */
export function canonicalOrigin(value: string): string | undefined {
  const match = ORIGIN.exec(value.trim().toLowerCase());
  if (match === null) return undefined;
  const [, scheme = '', host = '', port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return undefined;
  const keepPort = port !== undefined && port !== DEFAULT_PORT[scheme];
  return `${scheme}://${host}${keepPort ? `:${port}` : ''}`;
}

const origin = z.string(expecting('a string')).transform((value, ctx) => {
  const canonical = canonicalOrigin(value);
  if (canonical === undefined) {
    ctx.addIssue({ code: 'custom', message: ORIGIN_MESSAGE });
    return z.NEVER;
  }
  return canonical;
});

/**
 * A source's `allowed_origins`: the web pages that may send its events from a browser
 * (CORS). Written the way browsers send them; duplicates are kept once. An empty list lets
 * no page send (server-to-server only).
 */
export const AllowedOriginsSchema = z
  .array(origin, expecting('an array of origins'))
  .max(MAX_ALLOWED_ORIGINS, rangeMessage(0, MAX_ALLOWED_ORIGINS, 'origins'))
  .transform((origins) => [...new Set(origins)])
  .meta({
    description:
      "Origins whose web pages may send events with this source's key (CORS); null: any.",
    example: ['https://shop.example.com'],
  });
