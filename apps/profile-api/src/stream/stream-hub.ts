import { setTimeout as sleep } from 'node:timers/promises';
import { compareChangeCursors, currentFeedHead, readChanges } from '@stratum/changes';
import type { Change, ChangeCursor, ChangeKind } from '@stratum/changes';
import type { Db } from '@stratum/db';
import { errorFields } from '@stratum/http';
import type { Logger } from '@stratum/http';
import type { StreamType } from '@stratum/schemas';
import { membersAmong, streamItems } from './stream-items';
import type { StreamItem } from './stream-items';
import type { StreamMetrics } from './stream-metrics';
import { resumePoint } from './stream-id';
import { StreamReader } from './stream-reader';
import type { StreamFilter } from './stream-reader';
import type { StreamSink } from './stream-sink';

// Changes per read: a page is held in memory until every reader has taken it.
const PAGE = 100;
// After a failed read of the feed (the database restarting), wait this many polls.
const RETRY_POLLS = 20;

const KIND_OF_TYPE: Record<StreamType, ChangeKind> = {
  'event.received': 'event.stored',
  'profile.updated': 'profile.updated',
  'profile.merged': 'profile.merged',
  'segment.entered': 'segment.entered',
  'segment.exited': 'segment.exited',
  'profile.erased': 'profile.erased',
};
const ALL_KINDS = Object.values(KIND_OF_TYPE);

export interface StreamHubOptions {
  db: Db;
  logger: Logger;
  metrics: StreamMetrics;
  /** How often the feed is read while readers are connected and it had nothing new. */
  pollMs: number;
  /** Each reader's budget of queued and unsent bytes. */
  bufferBytes: number;
  /** Readers at once, over every tenant. */
  maxReaders: number;
}

/**
 * The live stream of one process: a single tail of the change feed, read by cursor while
 * readers are connected, whose pages go to every reader of their tenant. A reader resuming
 * from an id first reads its own tenant's feed from there, then joins the tail once it has
 * caught up with it.
 */
export class StreamHub {
  private readonly live = new Set<StreamReader>();
  private readonly all = new Set<StreamReader>();
  /** The tail's position: every change after it goes to the live readers. */
  private cursor: ChangeCursor | undefined;
  private starting: Promise<ChangeCursor> | undefined;
  private running = false;
  private stopped = false;
  private readonly stop = new AbortController();

  constructor(private readonly options: StreamHubOptions) {}

  /** Whether another reader may connect now. */
  hasRoom(): boolean {
    return !this.stopped && this.all.size < this.options.maxReaders;
  }

  /** Connects a reader: from now on, or after the message `after` when given. */
  async open(
    tenantId: string,
    filter: StreamFilter,
    sink: StreamSink,
    after?: string,
  ): Promise<void> {
    const { metrics, bufferBytes } = this.options;
    const resume = after === undefined ? undefined : resumePoint(after);
    const reader = new StreamReader(
      tenantId,
      filter,
      sink,
      bufferBytes,
      resume === undefined
        ? { cursor: '0:0', rank: Infinity }
        : { cursor: resume.change, rank: resume.rank },
      {
        sent: () => metrics.messages.inc({ transport: sink.transport }),
        closed: (reason) => {
          this.live.delete(reader);
          this.all.delete(reader);
          metrics.connections.dec({ transport: sink.transport });
          metrics.closed.inc({ reason });
        },
      },
    );
    this.all.add(reader);
    metrics.connections.inc({ transport: sink.transport });
    if (this.stopped) return reader.end('shutdown');
    try {
      if (resume === undefined) this.join(reader, await this.tailCursor());
      else await this.catchUp(reader, resume.readAfter);
    } catch (error) {
      this.options.logger.warn('live stream: a reader could not start', errorFields(error));
      reader.end('error');
    }
  }

  /** Ends every stream (the server is draining) and stops reading the feed. */
  close(): void {
    this.stopped = true;
    this.stop.abort();
    for (const reader of [...this.all]) reader.end('shutdown');
  }

  private async tailCursor(): Promise<ChangeCursor> {
    if (this.cursor !== undefined) return this.cursor;
    this.starting ??= currentFeedHead(this.options.db).finally(() => (this.starting = undefined));
    const head = await this.starting;
    return (this.cursor ??= head);
  }

  private join(reader: StreamReader, at: ChangeCursor): void {
    if (reader.closed) return;
    reader.skipTo({ cursor: at, rank: Infinity });
    this.cursor ??= at;
    this.live.add(reader);
    if (!this.running) void this.tail();
  }

  /** Reads the reader's tenant's feed from `after` until it is level with the tail. */
  private async catchUp(reader: StreamReader, after: ChangeCursor): Promise<void> {
    const kinds = [...reader.filter.types].map((type) => KIND_OF_TYPE[type]);
    let cursor = after;
    while (!reader.closed) {
      const page = await readChanges(this.options.db, {
        tenantId: reader.tenantId,
        after: cursor,
        limit: PAGE,
        kinds,
      });
      if (page.changes.length > 0) {
        await this.deliver(reader.tenantId, page.changes, [reader]);
        await reader.room();
      }
      cursor = page.nextCursor;
      const caughtUp = page.changes.length < PAGE;
      if (
        caughtUp &&
        (this.cursor === undefined || compareChangeCursors(cursor, this.cursor) >= 0)
      ) {
        this.join(reader, cursor);
        return;
      }
    }
  }

  /** The tail: one read of the feed per poll while live readers remain. */
  private async tail(): Promise<void> {
    this.running = true;
    const { db, pollMs, logger } = this.options;
    while (this.live.size > 0 && !this.stopped) {
      let wait = 0;
      try {
        const page = await readChanges(db, { after: this.cursor!, limit: PAGE, kinds: ALL_KINDS });
        // Moved before delivering: a reader that joins meanwhile has read this page itself.
        this.cursor = page.nextCursor;
        const readers = [...this.live];
        for (const [tenantId, changes] of byTenant(page.changes)) {
          const tenantReaders = readers.filter((r) => r.tenantId === tenantId);
          if (tenantReaders.length > 0) await this.deliverOrEnd(tenantId, changes, tenantReaders);
        }
        if (page.changes.length < PAGE) wait = pollMs;
      } catch (error) {
        logger.warn('live stream: reading the change feed failed; retrying', errorFields(error));
        wait = pollMs * RETRY_POLLS;
      }
      if (wait > 0)
        await sleep(wait, undefined, { signal: this.stop.signal, ref: false }).catch(
          () => undefined,
        );
    }
    this.running = false;
    // Nobody listens: the next reader starts at the feed's head then, not here.
    if (this.live.size === 0) this.cursor = undefined;
  }

  private async deliverOrEnd(
    tenantId: string,
    changes: readonly Change[],
    readers: readonly StreamReader[],
  ): Promise<void> {
    try {
      await this.deliver(tenantId, changes, readers);
    } catch (error) {
      // These readers would miss the page: they are closed with the id to resume after.
      this.options.logger.warn('live stream: a page could not be read', errorFields(error));
      for (const reader of readers) reader.end('error');
    }
  }

  private async deliver(
    tenantId: string,
    changes: readonly Change[],
    readers: readonly StreamReader[],
  ): Promise<void> {
    const { db } = this.options;
    const wanted = (type: StreamType) => readers.some((r) => r.filter.types.has(type));
    const items = await streamItems(db, tenantId, changes, {
      events: wanted('event.received'),
      traits: wanted('profile.updated'),
    });
    if (items.length === 0) return;
    const members = new Map<string, Set<string>>();
    for (const segmentId of new Set(readers.map((r) => r.filter.segmentId))) {
      if (segmentId === undefined) continue;
      members.set(segmentId, await membersAmong(db, tenantId, segmentId, profilesOf(items)));
    }
    for (const reader of readers) {
      const { segmentId } = reader.filter;
      reader.offer(items, segmentId === undefined ? undefined : members.get(segmentId));
    }
  }
}

function byTenant(changes: readonly Change[]): Map<string, Change[]> {
  const map = new Map<string, Change[]>();
  for (const change of changes) {
    const list = map.get(change.tenantId) ?? [];
    list.push(change);
    map.set(change.tenantId, list);
  }
  return map;
}

function profilesOf(items: readonly StreamItem[]): string[] {
  return items.filter((i) => i.segmentId === undefined).map((i) => i.profileId);
}
