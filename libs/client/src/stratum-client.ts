import { DeliveryError } from './client-options';
import type { ClientOptions } from './client-options';
import { toWireEvent } from './client-event';
import type { ClientIdentifier, EventFields, WireEvent } from './client-event';
import { isBrowserPage, keepaliveAvailable, sendBeacon, watchPageHide } from './page-lifecycle';
import { retryDelayMs } from './retry-delay';
import { planUnloadFlush } from './unload-plan';

const MAX_BATCH = 500;

export interface FlushResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  failed: number;
}

/** How many queued events {@link StratumClient.flushOnUnload} sent, and how. */
export interface UnloadFlushResult {
  /** Sent by `fetch` with `keepalive` to `POST /api/v1/cdp/events`. */
  keepalive: number;
  /** Handed to `navigator.sendBeacon` for `POST /v1/batch`. */
  beacon: number;
  /** Neither could carry them: still queued, sent by the next flush if the page lives on. */
  kept: number;
}

/**
 * Queues events and sends them to the ingest API in batches, retrying network errors, 429
 * and 5xx answers with back-off. Every event carries a fixed `event_id`, so a retry of a
 * batch the server already stored is answered `duplicate` and nothing is stored twice.
 */
export class StratumClient {
  private queue: WireEvent[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight = new Set<Promise<FlushResult>>();
  private stopWatchingPage: () => void = () => {};
  private readonly options: Required<Omit<ClientOptions, 'onError' | 'flushOnPageHide'>> &
    Pick<ClientOptions, 'onError'>;

  constructor(options: ClientOptions) {
    const flushAt = options.flushAt ?? 100;
    if (!Number.isInteger(flushAt) || flushAt < 1 || flushAt > MAX_BATCH) {
      throw new RangeError(`flushAt must be an integer from 1 to ${MAX_BATCH}`);
    }
    this.options = {
      writeKey: options.writeKey,
      endpoint: (options.endpoint ?? 'http://localhost:3001').replace(/\/+$/, ''),
      flushAt,
      flushIntervalMs: options.flushIntervalMs ?? 1000,
      maxAttempts: options.maxAttempts ?? 5,
      retryBaseMs: options.retryBaseMs ?? 200,
      onError: options.onError,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    };
    if (this.options.flushIntervalMs > 0) {
      this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
      this.timer.unref?.();
    }
    if (options.flushOnPageHide ?? isBrowserPage()) {
      this.stopWatchingPage = watchPageHide(() => void this.flushOnUnload());
    }
  }

  /** Queues a `track` event; returns its event id. */
  track(name: string, fields: EventFields): string {
    return this.enqueue(toWireEvent('track', name, fields));
  }

  /** Queues an `identify` event (traits for the profile); returns its event id. */
  identify(
    identifiers: ClientIdentifier[],
    traits: Record<string, unknown> = {},
    fields: Partial<EventFields> = {},
  ): string {
    return this.enqueue(toWireEvent('identify', undefined, { ...fields, identifiers, traits }));
  }

  /** Queues a `page` view; returns its event id. */
  page(name: string, fields: EventFields): string {
    return this.enqueue(toWireEvent('page', name, fields));
  }

  /** Sends everything queued now; resolves when every batch under way is delivered or given up. */
  async flush(): Promise<FlushResult> {
    while (this.queue.length > 0) this.remember(this.send(this.queue.splice(0, MAX_BATCH)));
    const results = await Promise.all(this.inFlight);
    return results.reduce(
      (total, r) => ({
        accepted: total.accepted + r.accepted,
        duplicates: total.duplicates + r.duplicates,
        rejected: total.rejected + r.rejected,
        failed: total.failed + r.failed,
      }),
      { accepted: 0, duplicates: 0, rejected: 0, failed: 0 },
    );
  }

  /**
   * Sends everything queued in a way that outlives the page: `fetch` with `keepalive` while
   * the bodies fit the browser's 64 KiB budget, then `navigator.sendBeacon` to the ingest
   * API's Segment-compatible `POST /v1/batch`, whose body carries the write key (a beacon
   * cannot set `Authorization`). Events neither can carry stay queued. Called on
   * `pagehide` and on `visibilitychange` to hidden unless `flushOnPageHide` is false.
   * Returns at once: the keepalive requests are awaited by a later `flush()`.
   */
  flushOnUnload(): UnloadFlushResult {
    const plan = planUnloadFlush(this.queue.splice(0), {
      keepaliveAvailable: keepaliveAvailable(),
      writeKey: this.options.writeKey,
      sentAt: new Date().toISOString(),
      maxBatch: MAX_BATCH,
    });
    let keepalive = 0;
    for (const batch of plan.keepalive) {
      keepalive += batch.length;
      this.remember(this.send(batch, true));
    }
    let beacon = 0;
    const kept = [...plan.kept];
    for (const { body, events } of plan.beacons) {
      if (sendBeacon(`${this.options.endpoint}/v1/batch`, body)) beacon += events.length;
      else kept.push(...events);
    }
    // Back at the front: a page that is only hidden sends them with its next flush.
    this.queue.unshift(...kept);
    return { keepalive, beacon, kept: kept.length };
  }

  /** Flushes, stops the timer and stops watching the page. */
  async close(): Promise<FlushResult> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopWatchingPage();
    return this.flush();
  }

  private enqueue(event: WireEvent): string {
    this.queue.push(event);
    if (this.queue.length >= this.options.flushAt) void this.flush();
    return event.event_id;
  }

  private remember(promise: Promise<FlushResult>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async send(batch: WireEvent[], keepalive = false): Promise<FlushResult> {
    const ids = batch.map((e) => e.event_id);
    for (let attempt = 1; ; attempt++) {
      const sentAt = new Date().toISOString();
      let status: number | null = null;
      let retryAfter: string | null = null;
      try {
        const res = await this.options.fetch(`${this.options.endpoint}/api/v1/cdp/events`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${this.options.writeKey}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ events: batch.map((e) => ({ ...e, sent_at: sentAt })) }),
          ...(keepalive && { keepalive }),
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        if (res.ok) {
          const body = (await res.json()) as {
            accepted: number;
            duplicates: number;
            rejected: number;
          };
          return {
            accepted: body.accepted,
            duplicates: body.duplicates,
            rejected: body.rejected,
            failed: 0,
          };
        }
        if (status !== 429 && status < 500) {
          return this.giveUp(`the ingest API refused the batch with ${status}`, status, ids);
        }
      } catch {
        // a network error: retried below like a 5xx
      }
      if (attempt >= this.options.maxAttempts) {
        return this.giveUp(`gave up after ${attempt} attempts`, status, ids);
      }
      await new Promise((resolve) =>
        setTimeout(resolve, retryDelayMs(attempt, this.options.retryBaseMs, retryAfter)),
      );
    }
  }

  private giveUp(message: string, status: number | null, ids: string[]): FlushResult {
    this.options.onError?.(new DeliveryError(message, status, ids));
    return { accepted: 0, duplicates: 0, rejected: 0, failed: ids.length };
  }
}
