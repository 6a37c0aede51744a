import type { WireEvent } from './client-event';
import { toBeaconMessage } from './beacon-message';

/**
 * What a browser lets a page send while it is being left: the bodies of its pending
 * keepalive requests may total 64 KiB (the Fetch standard's limit), and beacons are held
 * to about as much (Chrome and Safari count them against the same budget).
 */
export const KEEPALIVE_LIMIT_BYTES = 64 * 1024;

/** How {@link planUnloadFlush} splits the queue. */
export interface UnloadPlan {
  /** Batches for `POST /api/v1/cdp/events` with `keepalive`, within the 64 KiB together. */
  keepalive: WireEvent[][];
  /** Bodies for `POST /v1/batch` by `navigator.sendBeacon`, each within 64 KiB. */
  beacons: { body: string; events: WireEvent[] }[];
  /** What neither can carry; stays queued for the next ordinary flush. */
  kept: WireEvent[];
}

export interface UnloadPlanOptions {
  keepaliveAvailable: boolean;
  writeKey: string;
  /** The `sent_at` the requests will carry (for their size). */
  sentAt: string;
  maxBatch: number;
}

/** The UTF-8 length of `text`, counted without TextEncoder (absent from some runtimes). */
export function bytes(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair: one code point of four bytes.
      length += 4;
      i += 1;
    } else length += 3;
  }
  return length;
}

/**
 * Splits the queue for a page that is going away: keepalive requests (which carry the
 * `Authorization` header) while they fit in {@link KEEPALIVE_LIMIT_BYTES}, then beacons,
 * which cannot carry a header and so go to the Segment-compatible route with the write key
 * in the body; events a beacon cannot express (see `toBeaconMessage`) are kept.
 */
export function planUnloadFlush(events: WireEvent[], options: UnloadPlanOptions): UnloadPlan {
  const plan: UnloadPlan = { keepalive: [], beacons: [], kept: [] };
  let rest = events;
  if (options.keepaliveAvailable) {
    let used = bytes('{"events":[]}');
    let batch: WireEvent[] = [];
    let taken = 0;
    for (const event of events) {
      const size = bytes(JSON.stringify({ ...event, sent_at: options.sentAt })) + 1;
      if (used + size > KEEPALIVE_LIMIT_BYTES) break;
      used += size;
      taken += 1;
      batch.push(event);
      if (batch.length === options.maxBatch) {
        plan.keepalive.push(batch);
        batch = [];
        // Each request repeats the envelope.
        used += bytes('{"events":[]}');
      }
    }
    if (batch.length > 0) plan.keepalive.push(batch);
    rest = events.slice(taken);
  }

  const envelope = (messages: string[]) =>
    `{"batch":[${messages.join(',')}],"sentAt":${JSON.stringify(options.sentAt)},"writeKey":${JSON.stringify(options.writeKey)}}`;
  const emptyBytes = bytes(envelope([]));
  let messages: string[] = [];
  let carried: WireEvent[] = [];
  let size = emptyBytes;
  const close = () => {
    if (carried.length > 0) plan.beacons.push({ body: envelope(messages), events: carried });
    messages = [];
    carried = [];
    size = emptyBytes;
  };
  for (const event of rest) {
    const message = toBeaconMessage(event);
    const text = message === undefined ? undefined : JSON.stringify(message);
    const messageBytes = text === undefined ? Infinity : bytes(text);
    if (text === undefined || emptyBytes + messageBytes > KEEPALIVE_LIMIT_BYTES) {
      plan.kept.push(event);
      continue;
    }
    // A comma before every message but the first.
    const added = messageBytes + (messages.length > 0 ? 1 : 0);
    if (carried.length === options.maxBatch || size + added > KEEPALIVE_LIMIT_BYTES) close();
    size += messageBytes + (messages.length > 0 ? 1 : 0);
    messages.push(text);
    carried.push(event);
  }
  close();
  return plan;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
