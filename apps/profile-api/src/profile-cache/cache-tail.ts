import { setTimeout as sleep } from 'node:timers/promises';
import { currentFeedHead, parseChangeCursor, readChanges, touchedProfiles } from '@stratum/changes';
import type { ChangeCursor } from '@stratum/changes';
import type { Db } from '@stratum/db';
import { errorFields } from '@stratum/http';
import type { Logger } from '@stratum/http';
import type { ProfileCache } from './profile-cache';

// Changes per read; a tail that is behind reads page after page until it has caught up.
const PAGE = 1_000;
// After a failed read of the feed (the database restarting), wait this many polls.
const RETRY_POLLS = 20;

export interface CacheTailOptions {
  db: Db;
  cache: ProfileCache;
  logger: Logger;
  /** How often the feed is read once the tail has caught up with it. */
  pollMs: number;
  /** After this long without a look-up the tail stops (and the cache forgets). */
  idleMs?: number;
  now?: () => number;
}

// A minute without look-ups: the tail stops reading the feed, as the live stream's does.
const IDLE_MS = 60_000;

/**
 * Follows the change feed from its head for the profile cache, while look-ups come: each
 * page drops the answers of the profiles it touched, then tells the cache's clock how far
 * the applied changes reach. While it cannot read (the database is away), the clock stands
 * still and the cache, once the allowed lag has passed, answers from the database. Without
 * look-ups for `idleMs` it stops and the cache forgets; the next look-up starts it again
 * from the feed's head. No look-up, no query.
 */
export class CacheTail {
  private cursor: ChangeCursor | undefined;
  private readonly stop = new AbortController();
  private readonly now: () => number;
  private wantedAt = 0;
  private running = false;

  constructor(private readonly options: CacheTailOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether it is reading the feed now. */
  get following(): boolean {
    return this.running;
  }

  /** A look-up came: reads the feed every `pollMs` from now until idle or closed. */
  wake(): void {
    this.wantedAt = this.now();
    if (this.running || this.stop.signal.aborted) return;
    this.running = true;
    void this.run();
  }

  close(): void {
    this.stop.abort();
  }

  /** Reads every change committed so far and applies it. */
  async catchUp(): Promise<void> {
    const { db, cache } = this.options;
    this.cursor ??= await currentFeedHead(db);
    for (;;) {
      const startedAt = this.now();
      const page = await readChanges(db, { after: this.cursor, limit: PAGE });
      cache.clock.read(startedAt, BigInt(page.xmax));
      if (page.changes.length > 0) {
        cache.changed([...touchedProfiles(page.changes).values()].flatMap((ids) => [...ids]));
      }
      this.cursor = page.nextCursor;
      if (page.changes.length < PAGE) {
        // A short page ends at the horizon: every transaction below it has been read.
        cache.clock.caughtUp(BigInt(parseChangeCursor(page.nextCursor).xid));
        return;
      }
    }
  }

  private async run(): Promise<void> {
    const { pollMs, logger, cache } = this.options;
    const idleMs = this.options.idleMs ?? IDLE_MS;
    while (!this.stop.signal.aborted && this.now() - this.wantedAt < idleMs) {
      let wait = pollMs;
      try {
        await this.catchUp();
      } catch (error) {
        logger.warn('profile cache: reading the change feed failed; retrying', errorFields(error));
        wait = pollMs * RETRY_POLLS;
      }
      await sleep(wait, undefined, { signal: this.stop.signal, ref: false }).catch(() => undefined);
    }
    // Nothing follows the feed now: what the cache holds could go stale unseen.
    this.running = false;
    this.cursor = undefined;
    cache.reset();
  }
}
