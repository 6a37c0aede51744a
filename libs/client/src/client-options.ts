/** How a {@link StratumClient} sends events. */
export interface ClientOptions {
  /** The source's write key (`cdp_wk_…`). */
  writeKey: string;
  /** Base URL of the ingest API. Default `http://localhost:3001`. */
  endpoint?: string;
  /** Send as soon as this many events are queued (1–500). Default 100. */
  flushAt?: number;
  /** Send queued events at least this often, in ms. Default 1000; 0 disables the timer. */
  flushIntervalMs?: number;
  /** Attempts per batch for network errors, 429 and 5xx answers. Default 5. */
  maxAttempts?: number;
  /** First back-off delay in ms, doubled per attempt (with jitter), unless `Retry-After` says otherwise. */
  retryBaseMs?: number;
  /** Called with batches that could not be delivered (a 4xx other than 429, or attempts exhausted). */
  onError?: (error: DeliveryError) => void;
  /** The fetch implementation; the global one by default. */
  fetch?: typeof fetch;
  /**
   * In a browser, send what is queued when the page is hidden or left (`visibilitychange`
   * to hidden, `pagehide`) with {@link StratumClient.flushOnUnload}. Default true where
   * there is a `window` and a `document`, false elsewhere.
   */
  flushOnPageHide?: boolean;
}

/** A batch that was given up on, with the reason. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly eventIds: string[],
  ) {
    super(message);
  }
}
