import type { BenchEvent } from './event-body';
import type { HttpAnswer } from './http-client';
import type { EventGenerator, GeneratedEvent } from './event-generator';

interface BatchAnswer {
  results: {
    index: number;
    status: 'accepted' | 'duplicate' | 'rejected' | 'queued';
    profile_id?: string;
  }[];
}

/** Told of each fresh event the API accepted, with its profile, as its answer is read. */
export type AcceptedListener = (event: BenchEvent, profileId: string) => void;

const ACCEPTED = 1;

/**
 * Keeps the client's side of the books: which fresh events the API accepted (once each),
 * what the retries were answered, and which requests failed. The correctness checks compare
 * it with what the database holds.
 */
export class IngestTracker {
  accepted = 0;
  acceptedTwice = 0;
  freshAnsweredDuplicate = 0;
  rejected = 0;
  retriesSent = 0;
  retriesAnsweredDuplicate = 0;
  retriesAccepted = 0;
  /** Resends answered 202: their dedupe happens behind, in the resolver. */
  retriesQueued = 0;
  failedRequests = 0;
  readonly failures: string[] = [];
  /** Sum and sum of squares of the accepted sequence numbers: a checksum of the set. */
  seqSum = 0n;
  seqSquares = 0n;
  private states = new Uint8Array(1 << 20);
  /** Set by a phase that follows accepted events (the freshness sampler). */
  onAccepted: AcceptedListener | undefined;

  constructor(private readonly generator: EventGenerator) {}

  /**
   * Books one answer for the events sent in one request; returns how many fresh events it
   * accepted. Accepted events become candidates for later retries.
   */
  record(events: readonly GeneratedEvent[], answer: HttpAnswer | Error): number {
    if (answer instanceof Error || (answer.status !== 200 && answer.status !== 202)) {
      this.fail(answer instanceof Error ? answer.message : `${answer.status} ${answer.body}`);
      return 0;
    }
    const { results } = JSON.parse(answer.body) as BatchAnswer;
    let accepted = 0;
    for (const result of results) {
      const event = events[result.index]!;
      if (event.retry) {
        this.retriesSent += 1;
        if (result.status === 'duplicate') this.retriesAnsweredDuplicate += 1;
        else if (result.status === 'accepted') this.retriesAccepted += 1;
        else if (result.status === 'queued') this.retriesQueued += 1;
        continue;
      }
      // Queued (202): accepted into the inbox; whether it is stored once is checked later.
      if (result.status === 'accepted' || result.status === 'queued') {
        accepted += 1;
        this.accept(event);
        if (this.onAccepted !== undefined && result.profile_id !== undefined) {
          this.onAccepted(event.body, result.profile_id);
        }
      } else if (result.status === 'duplicate') {
        this.freshAnsweredDuplicate += 1;
      } else {
        this.rejected += 1;
      }
    }
    return accepted;
  }

  /** Books a request that never got an answer. */
  fail(reason: string): void {
    this.failedRequests += 1;
    if (this.failures.length < 5) this.failures.push(reason.slice(0, 300));
  }

  private accept(event: GeneratedEvent): void {
    const { seq } = event;
    if (seq >= this.states.length) {
      const bigger = new Uint8Array(Math.max(seq + 1, this.states.length * 2));
      bigger.set(this.states);
      this.states = bigger;
    }
    if (this.states[seq] === ACCEPTED) {
      this.acceptedTwice += 1;
      return;
    }
    this.states[seq] = ACCEPTED;
    this.accepted += 1;
    this.seqSum += BigInt(seq);
    this.seqSquares += BigInt(seq) * BigInt(seq);
    this.generator.acknowledge(event.body);
  }
}
