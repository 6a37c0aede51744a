import { createHash } from 'node:crypto';
import type { RecordedRequest } from './recording-server';

/** The fixtures' clock: request k is sent at BASE + k minutes. */
const BASE_MS = Date.parse('2026-11-20T09:15:00.000Z');
const REQUEST_SPACING_MS = 60_000;
const MESSAGE_SPACING_MS = 150;
// A client flushes a little after its last call; one second keeps sentAt after every timestamp.
const SEND_DELAY_MS = 1_000;
const NODE_VERSION = '20.19.0';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EPOCH_MS = /\b\d{13}\b/g;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Json = Record<string, unknown>;

/**
 * Replaces what changes on every capture (message ids, clock readings, the Node version)
 * with stable values of the same shape, so that re-running the capture changes a fixture
 * only when a client changes what it sends. Ids keep their format (a `node-next-<ms>-`
 * prefix, a UUID v4 or v7 with its version digit and, for v7, its time bits); times keep
 * their order (each message's time, then the request's send time).
 */
export function stabilizeRequest(
  request: RecordedRequest,
  vendor: string,
  requestIndex: number,
): RecordedRequest {
  const sentMs = BASE_MS + requestIndex * REQUEST_SPACING_MS + SEND_DELAY_MS;
  const body = structuredClone(request.body) as Json;
  for (const key of ['sentAt', 'sent_at', 'timestamp']) replaceTime(body, key, sentMs);
  const messages = Array.isArray(body.batch) ? (body.batch as Json[]) : [body];
  messages.forEach((message, index) => {
    const atMs = BASE_MS + requestIndex * REQUEST_SPACING_MS + index * MESSAGE_SPACING_MS;
    for (const key of ['timestamp', 'originalTimestamp']) replaceTime(message, key, atMs);
    replaceTime(message, 'sentAt', sentMs);
    const seed = `${vendor}:${requestIndex}:${index}`;
    for (const key of ['messageId', 'uuid']) {
      const id = message[key];
      if (typeof id === 'string') message[key] = stableId(id, seed, atMs);
    }
    const metadata = message._metadata as Json | undefined;
    if (typeof metadata?.nodeVersion === 'string') metadata.nodeVersion = NODE_VERSION;
  });
  return { ...request, body };
}

function replaceTime(object: Json, key: string, ms: number): void {
  const value = object[key];
  if (typeof value === 'string' && ISO.test(value)) object[key] = new Date(ms).toISOString();
}

function stableId(id: string, seed: string, atMs: number): string {
  return id.replace(EPOCH_MS, String(atMs)).replace(UUID, (uuid) => stableUuid(uuid, seed, atMs));
}

/** A UUID of the same version as `like`, derived from `seed`; v7 carries `atMs`. */
function stableUuid(like: string, seed: string, atMs: number): string {
  const version = like.charAt(14);
  const hex = createHash('sha256').update(seed).digest('hex').slice(0, 32).split('');
  if (version === '7') hex.splice(0, 12, ...atMs.toString(16).padStart(12, '0'));
  hex[12] = version;
  hex[16] = '89ab'.charAt(Number.parseInt(hex[16] ?? '0', 16) % 4);
  const d = hex.join('');
  return `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
}
