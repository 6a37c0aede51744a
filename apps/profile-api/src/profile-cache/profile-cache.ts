import { LRUCache } from 'lru-cache';
import { FreshnessClock } from './freshness-clock';

/** A look-up's answer as sent, and every profile id it depends on. */
export interface CachedAnswer {
  json: string;
  /** The answer's profile and the ids merged into it: a change to any of them ends it. */
  profileIds: readonly string[];
}

/** Where an answer came from: memory, the database (kept for next time or not). */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

export interface ProfileCacheOptions {
  /** Memory the answers may take, roughly (0 turns the cache off). */
  maxBytes: number;
  /** Answers are served from memory only while every change older than this is applied. */
  maxLagMs: number;
  now?: () => number;
}

// Keys seen once lately, at most: cleared when full, as TinyLFU's doorkeeper is.
const DOORKEEPER_KEYS = 65_536;

// Per entry besides the text (one byte a character: V8 keeps ASCII text so): the key, the id
// list and the cache's own bookkeeping.
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Look-up answers in memory, dropped as the change feed reports changes to their profiles.
 * An answer is served from memory only while the feed's tail is fresh (every change committed
 * more than `maxLagMs` ago has been applied); otherwise it is read from the database. An
 * answer read while a change to one of its profiles was being applied is sent but not kept,
 * so a read that began before a change cannot outlive it in memory.
 */
export class ProfileCache {
  private freshness = new FreshnessClock();
  private readonly entries: LRUCache<string, CachedAnswer> | undefined;
  private readonly keysOfProfile = new Map<string, Set<string>>();
  /** Counts pages of changes applied; a read remembers the count it began at. */
  private epoch = 0;
  /** The epoch of each profile's last change, kept while a read older than it runs. */
  private readonly changedAt = new Map<string, number>();
  /** Reads running, by the epoch they began at. */
  private readonly reading = new Map<number, number>();
  /** The epoch of the last reset: reads that began before it keep nothing. */
  private resetAt = 0;
  /**
   * Keys missed once lately: an answer is kept on its key's second miss, so look-ups spread
   * over many profiles (most asked once) do not churn the cache and the heap behind it.
   */
  private readonly seenOnce = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: ProfileCacheOptions) {
    this.now = options.now ?? Date.now;
    if (options.maxBytes <= 0) return;
    this.entries = new LRUCache<string, CachedAnswer>({
      maxSize: options.maxBytes,
      sizeCalculation: (answer, key) => answer.json.length + key.length + ENTRY_OVERHEAD_BYTES,
      dispose: (answer, key) => this.unindex(key, answer.profileIds),
    });
  }

  /** How far the feed's applied changes reach (read and moved by the tail). */
  get clock(): FreshnessClock {
    return this.freshness;
  }

  /**
   * Forgets every answer and how far the feed was applied: the tail stopped following it.
   * Nothing is served from memory until a tail has caught up again.
   */
  reset(): void {
    this.entries?.clear();
    this.freshness = new FreshnessClock();
    this.epoch += 1;
    this.resetAt = this.epoch;
    this.changedAt.clear();
    this.seenOnce.clear();
  }

  /** Answers kept now. */
  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** Their estimated bytes. */
  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  /** How far the applied changes trail the database, in ms (Infinity before the first read). */
  lagMs(): number {
    return this.clock.lagMs(this.now());
  }

  /** The answer for `key`: from memory when it may be, else from `load` (kept when it may be). */
  async answer(
    key: string,
    load: () => Promise<CachedAnswer>,
  ): Promise<{ json: string; outcome: CacheOutcome }> {
    const entries = this.entries;
    if (entries === undefined || !this.fresh()) {
      return { json: (await load()).json, outcome: 'bypass' };
    }
    const kept = entries.get(key);
    if (kept !== undefined) return { json: kept.json, outcome: 'hit' };

    const began = this.epoch;
    this.reading.set(began, (this.reading.get(began) ?? 0) + 1);
    try {
      const answer = await load();
      const keep =
        began >= this.resetAt && this.fresh() && !this.changedSince(began, answer.profileIds);
      if (keep && this.admit(key)) {
        entries.set(key, answer);
        if (entries.has(key)) this.index(key, answer.profileIds);
      }
      return { json: answer.json, outcome: 'miss' };
    } finally {
      const left = this.reading.get(began)! - 1;
      if (left === 0) this.reading.delete(began);
      else this.reading.set(began, left);
    }
  }

  /** Drops every answer that depends on these profiles: one page of the feed, in feed order. */
  changed(profileIds: Iterable<string>): void {
    this.epoch += 1;
    const tracking = this.reading.size > 0;
    for (const id of profileIds) {
      if (tracking) this.changedAt.set(id, this.epoch);
      const keys = this.keysOfProfile.get(id);
      if (keys === undefined) continue;
      for (const key of [...keys]) this.entries?.delete(key);
    }
    this.forgetChangesNoReadNeeds();
  }

  /** Whether a key may be kept now: on its second miss since the doorkeeper's last clearing. */
  private admit(key: string): boolean {
    if (this.seenOnce.delete(key)) return true;
    if (this.seenOnce.size >= DOORKEEPER_KEYS) this.seenOnce.clear();
    this.seenOnce.add(key);
    return false;
  }

  private fresh(): boolean {
    return this.lagMs() <= this.options.maxLagMs;
  }

  private changedSince(epoch: number, profileIds: readonly string[]): boolean {
    return profileIds.some((id) => (this.changedAt.get(id) ?? -1) > epoch);
  }

  private forgetChangesNoReadNeeds(): void {
    if (this.reading.size === 0) {
      this.changedAt.clear();
      return;
    }
    const oldest = Math.min(...this.reading.keys());
    for (const [id, epoch] of this.changedAt) if (epoch <= oldest) this.changedAt.delete(id);
  }

  private index(key: string, profileIds: readonly string[]): void {
    for (const id of profileIds) {
      let keys = this.keysOfProfile.get(id);
      if (keys === undefined) this.keysOfProfile.set(id, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string, profileIds: readonly string[]): void {
    for (const id of profileIds) {
      const keys = this.keysOfProfile.get(id);
      if (keys === undefined) continue;
      keys.delete(key);
      if (keys.size === 0) this.keysOfProfile.delete(id);
    }
  }
}
