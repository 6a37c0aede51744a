import type { IdentifierType } from '@stratum/identity';
import { identifierOf } from './customers';
import type { RawIdentifier } from './customers';
import { DEFAULT_CAMPAIGN, buildEventBody } from './event-body';
import type { BenchEvent } from './event-body';
import { Random } from './random';
import { ZipfSampler } from './zipf';

export interface EventGeneratorOptions {
  seed: number;
  /** Prefix of every event id of the run: `<runTag>-<seq>`. */
  runTag: string;
  /** Customers 0..n-1 exist before the run (the bulk-loaded profiles). */
  knownCustomers: number;
  zipfExponent: number;
  /** Share of events from people the platform has not seen yet. */
  newCustomerShare: number;
  /** Share of batch slots that resend an event already acknowledged. */
  retryShare: number;
}

/** One event to send: its sequence number (`-1` for a retry) and its body. */
export interface GeneratedEvent {
  seq: number;
  retry: boolean;
  body: BenchEvent;
}

const TYPE_WEIGHTS: readonly [IdentifierType, number][] = [
  ['email', 0.35],
  ['anonymous_id', 0.25],
  ['external_id', 0.2],
  ['phone', 0.1],
  ['device_id', 0.1],
];
const RECENT_NEW = 1000;
const RETRY_POOL = 10_000;

/**
 * Produces the synthetic load. Fresh events come from one seeded generator (the same seed
 * gives the same sequence, whatever else happens); retries come from a second one and
 * resend events the API has already acknowledged.
 */
export class EventGenerator {
  private readonly random: Random;
  private readonly retryRandom: Random;
  private readonly zipf: ZipfSampler;
  private readonly recentNew: number[] = [];
  private readonly acknowledged: BenchEvent[] = [];
  private acknowledgedNext = 0;
  private nextSeq = 0;
  private created = 0;
  /** The campaign fresh events name (properties and identify traits) from now on. */
  campaign = DEFAULT_CAMPAIGN;

  constructor(private readonly options: EventGeneratorOptions) {
    this.random = new Random(options.seed);
    this.retryRandom = new Random(options.seed ^ 0x5bd1e995);
    this.zipf = new ZipfSampler(Math.max(1, options.knownCustomers), options.zipfExponent);
  }

  /** The share of events that go to the single most active customer. */
  get topCustomerShare(): number {
    return this.zipf.topShare * (1 - this.options.newCustomerShare);
  }

  /** How many fresh events were generated so far. */
  get generated(): number {
    return this.nextSeq;
  }

  /** `size` events: fresh ones, and about `retryShare` resends of acknowledged ones. */
  batch(size: number, now = Date.now()): GeneratedEvent[] {
    const events: GeneratedEvent[] = [];
    for (let i = 0; i < size; i++) {
      const retry =
        this.acknowledged.length > 0 && this.retryRandom.chance(this.options.retryShare);
      events.push(
        retry
          ? { seq: -1, retry: true, body: this.retryRandom.pick(this.acknowledged) }
          : this.fresh(now),
      );
    }
    return events;
  }

  /** A new event, never sent before. */
  fresh(now = Date.now()): GeneratedEvent {
    const seq = this.nextSeq++;
    const customer = this.customer();
    const body = buildEventBody(
      this.random,
      `${this.options.runTag}-${seq}`,
      this.identifiers(customer),
      now,
      this.campaign,
    );
    return { seq, retry: false, body };
  }

  /** Remembers an event the API accepted, as a candidate for a later retry. */
  acknowledge(event: BenchEvent): void {
    if (this.acknowledged.length < RETRY_POOL) {
      this.acknowledged.push(event);
    } else {
      this.acknowledged[this.acknowledgedNext] = event;
      this.acknowledgedNext = (this.acknowledgedNext + 1) % RETRY_POOL;
    }
  }

  private customer(): number {
    if (!this.random.chance(this.options.newCustomerShare)) return this.zipf.sample(this.random);
    // Half of the new-people traffic is a first visit, half a return of a recent newcomer.
    if (this.recentNew.length === 0 || this.random.chance(0.5)) {
      const id = this.options.knownCustomers + this.created;
      this.recentNew[this.created % RECENT_NEW] = id;
      this.created += 1;
      return id;
    }
    return this.random.pick(this.recentNew);
  }

  /** 2 to 4 identifiers of the customer, drawn by weight without repetition. */
  private identifiers(customer: number): RawIdentifier[] {
    const count = this.random.int(2, 4);
    const device = this.random.chance(0.7) ? 0 : this.random.chance(0.66) ? 1 : 2;
    const remaining = [...TYPE_WEIGHTS];
    const chosen: RawIdentifier[] = [];
    while (chosen.length < count) {
      let total = 0;
      for (const [, weight] of remaining) total += weight;
      let roll = this.random.next() * total;
      let index = 0;
      while (index < remaining.length - 1 && roll >= remaining[index]![1]) {
        roll -= remaining[index]![1];
        index += 1;
      }
      const [type] = remaining.splice(index, 1)[0]!;
      chosen.push(identifierOf(type, customer, device, this.random.chance(0.2)));
    }
    return chosen;
  }
}
