import { compareChangeCursors } from '@stratum/changes';
import type { ChangeCursor } from '@stratum/changes';
import type { StreamType } from '@stratum/schemas';
import type { StreamItem } from './stream-items';
import type { CloseReason, StreamSink } from './stream-sink';

/** What a reader asked for. */
export interface StreamFilter {
  types: ReadonlySet<StreamType>;
  /** Only this segment's entries and exits, and the other messages of its members. */
  segmentId?: string;
}

/** A place in the stream: items after it are new to the reader. */
export interface StreamPosition {
  cursor: ChangeCursor;
  /** Items of `cursor`'s change up to this rank were had (Infinity: all of them). */
  rank: number;
}

/** Whether an item comes after a position. */
export function isAfter(item: StreamPosition, position: StreamPosition): boolean {
  const order = compareChangeCursors(item.cursor, position.cursor);
  return order > 0 || (order === 0 && item.rank > position.rank);
}

/** Told when messages go out and when the reader is gone. */
export interface ReaderEvents {
  sent: () => void;
  closed: (reason: CloseReason) => void;
}

// Written to the connection while less than this is waiting in its buffer; the rest waits
// in the reader's queue, which, with the buffer, holds at most the reader's budget.
const HIGH_WATER_BYTES = 64 * 1024;

/**
 * One connected reader: filters what the feed offers, queues it and writes it out as the
 * connection takes it. A reader that still holds more than its budget of bytes unsent when
 * the next page comes is closed as a slow reader, told the id to resume after: what it
 * holds stays below its budget plus one page, however slowly it reads. (A page is taken
 * whole, so that one large batch does not close a reader that keeps up.)
 */
export class StreamReader {
  private readonly queue: { item: StreamItem; bytes: number }[] = [];
  private queuedBytes = 0;
  private pumping = false;
  private readonly roomWaiters: (() => void)[] = [];
  private lastSent: string | undefined;
  private ended = false;

  constructor(
    readonly tenantId: string,
    readonly filter: StreamFilter,
    private readonly sink: StreamSink,
    private readonly budgetBytes: number,
    private position: StreamPosition,
    private readonly events: ReaderEvents,
  ) {
    sink.onClose(() => this.finish('client'));
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Items at or before `position` are never offered to this reader again. */
  skipTo(position: StreamPosition): void {
    if (isAfter(position, this.position)) this.position = position;
  }

  /** Whether the reader takes an item (`members`: the filter segment's members among the items). */
  wants(item: StreamItem, members: ReadonlySet<string> | undefined): boolean {
    if (!this.filter.types.has(item.type) || !isAfter(item, this.position)) return false;
    const { segmentId } = this.filter;
    if (segmentId === undefined) return true;
    if (item.segmentId !== undefined) return item.segmentId === segmentId;
    return members?.has(item.profileId) === true;
  }

  /** Queues the items the reader takes, in order, unless it is over its budget already. */
  offer(items: readonly StreamItem[], members?: ReadonlySet<string>): void {
    if (this.ended) return;
    if (this.load() > this.budgetBytes) {
      this.end('slow_reader');
      return;
    }
    for (const item of items) {
      if (!this.wants(item, members)) continue;
      const bytes = Buffer.byteLength(item.json);
      this.queue.push({ item, bytes });
      this.queuedBytes += bytes;
      this.position = { cursor: item.cursor, rank: item.rank };
    }
    void this.pump();
  }

  /** Resolves once half the budget is free again (a reader catching up reads no faster). */
  room(): Promise<void> {
    if (this.ended || this.load() <= this.budgetBytes / 2) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Ends the stream, telling the reader why and the last id it was sent. */
  end(reason: Exclude<CloseReason, 'client'>): void {
    if (this.ended) return;
    this.sink.end(reason, this.lastSent);
    this.finish(reason);
  }

  private load(): number {
    return this.queuedBytes + this.sink.bufferedBytes();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.ended && (this.queue.length > 0 || this.load() > this.budgetBytes / 2)) {
        if (this.queue.length === 0 || this.sink.bufferedBytes() > HIGH_WATER_BYTES) {
          await this.sink.drained();
          this.wakeRoomWaiters();
          continue;
        }
        const { item, bytes } = this.queue.shift()!;
        this.queuedBytes -= bytes;
        this.sink.write(item.id, item.type, item.json);
        this.lastSent = item.id;
        this.events.sent();
      }
    } finally {
      this.pumping = false;
      this.wakeRoomWaiters();
    }
  }

  private wakeRoomWaiters(): void {
    if (!this.ended && this.load() > this.budgetBytes / 2) return;
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  private finish(reason: CloseReason): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.wakeRoomWaiters();
    this.events.closed(reason);
  }
}
