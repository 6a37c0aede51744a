import { isJsonObject } from './json-fields';
import { rejected } from './mapped-event';
import type { SegmentType } from './segment';
import { firstString, routeKey } from './split-body';
import type { SplitBody } from './split-body';

/**
 * Segment's and RudderStack's ingestion routes (analytics.js's one-letter forms included)
 * and the message type each implies; `batch` carries `{ batch: [...] }`.
 */
export const SEGMENT_ROUTES: Readonly<Record<string, SegmentType | 'batch'>> = {
  '/v1/identify': 'identify',
  '/v1/track': 'track',
  '/v1/page': 'page',
  '/v1/screen': 'screen',
  '/v1/group': 'group',
  '/v1/alias': 'alias',
  '/v1/batch': 'batch',
  '/v1/i': 'identify',
  '/v1/t': 'track',
  '/v1/p': 'page',
  '/v1/s': 'screen',
  '/v1/g': 'group',
  '/v1/a': 'alias',
  '/v1/b': 'batch',
};

/**
 * Takes a Segment or RudderStack request body apart by route. `/v1/batch` (and `/v1/b`):
 * `{ batch: [...], sentAt?, writeKey?, context? }`, the root `context` under each
 * message's own. The single-message routes: the body is the message, its type the route's.
 * The write key is the body's `writeKey`, else the first message's.
 */
export function splitSegmentBody(path: string, body: unknown): SplitBody {
  const route = SEGMENT_ROUTES[routeKey(path)];
  if (route === undefined) return rejected('', 'is not a Segment or RudderStack route');
  if (!isJsonObject(body)) return rejected('', 'must be a JSON object');
  if (route !== 'batch') {
    return {
      ok: true,
      messages: [{ ...body, type: route }],
      sentAt: body.sentAt,
      writeKey: firstString(body.writeKey),
    };
  }
  const batch = body.batch;
  if (!Array.isArray(batch)) return rejected('batch', 'must be an array');
  if (batch.length === 0) return rejected('batch', 'must hold at least one message');
  const rootContext = isJsonObject(body.context) ? body.context : undefined;
  const withRootContext = (message: unknown): unknown => {
    if (rootContext === undefined || !isJsonObject(message)) return message;
    const own = message.context;
    // A context that is not an object is left for the mapping to reject.
    if (own !== undefined && own !== null && !isJsonObject(own)) return message;
    return { ...message, context: { ...rootContext, ...own } };
  };
  const messages = batch.map(withRootContext);
  const first: unknown = batch[0];
  return {
    ok: true,
    messages,
    sentAt: body.sentAt,
    writeKey: firstString(body.writeKey, isJsonObject(first) ? first.writeKey : undefined),
  };
}
