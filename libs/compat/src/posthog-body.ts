import { isJsonObject } from './json-fields';
import { rejected } from './mapped-event';
import { firstString, routeKey } from './split-body';
import type { SplitBody } from './split-body';

/** PostHog's capture routes; each takes any of the body forms below. */
export const POSTHOG_ROUTES: readonly string[] = ['/batch', '/e', '/i/v0/e', '/capture'];

/**
 * Takes a PostHog capture body apart: `{ api_key, batch: [...], sent_at? }`
 * (posthog-node's `/batch/`), a JSON array of events, or one event. The write key is the
 * root `api_key` or `token`, else the first event's `api_key`, `token` or
 * `properties.token` (posthog-js puts it there).
 */
export function splitPosthogBody(path: string, body: unknown): SplitBody {
  if (!POSTHOG_ROUTES.includes(routeKey(path))) return rejected('', 'is not a PostHog route');
  if (Array.isArray(body)) return withMessages(body, undefined, {});
  if (!isJsonObject(body)) return rejected('', 'must be a JSON object or array');
  if (body.batch === undefined) return withMessages([body], body.sent_at, body);
  if (!Array.isArray(body.batch)) return rejected('batch', 'must be an array');
  return withMessages(body.batch, body.sent_at, body);
}

function withMessages(
  messages: unknown[],
  sentAt: unknown,
  root: Record<string, unknown>,
): SplitBody {
  if (messages.length === 0) return rejected('batch', 'must hold at least one event');
  const first: unknown = messages[0];
  const event = isJsonObject(first) ? first : {};
  const properties = isJsonObject(event.properties) ? event.properties : {};
  const writeKey = firstString(
    root.api_key,
    root.token,
    event.api_key,
    event.token,
    properties.token,
  );
  return { ok: true, messages, sentAt, writeKey };
}
