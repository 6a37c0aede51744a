import type { EventGenerator } from './event-generator';
import type { HttpAnswer, HttpClient } from './http-client';
import type { IngestTracker } from './ingest-tracker';
import type { LatencyRecorder } from './latency';

const EVENTS_PATH = '/api/v1/cdp/events';

/** Sends generated events to POST /events and books the answers. */
export class IngestDriver {
  constructor(
    private readonly client: HttpClient,
    private readonly generator: EventGenerator,
    readonly tracker: IngestTracker,
  ) {}

  /**
   * Sends one batch (`{ "events": [...] }`, or the bare event when `size` is 1 and
   * `single` is set) and records its latency measured from `since` (default: now).
   * @returns the number of fresh events the API accepted
   */
  async send(
    size: number,
    latency: LatencyRecorder,
    options: { single?: boolean; since?: number } = {},
  ): Promise<number> {
    const since = options.since ?? performance.now();
    const events = this.generator.batch(size);
    const body = options.single
      ? JSON.stringify(events[0]!.body)
      : JSON.stringify({ events: events.map((e) => e.body) });
    const answer = await this.post(body);
    latency.record(performance.now() - since);
    return this.tracker.record(events, answer);
  }

  /** The fresh events of the generator so far. */
  get generated(): number {
    return this.generator.generated;
  }

  private async post(body: string): Promise<HttpAnswer | Error> {
    try {
      return await this.client.postJson(EVENTS_PATH, body);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
