import type { StreamType } from '@stratum/schemas';
import type { StreamItem } from './stream-items';
import { StreamReader, isAfter } from './stream-reader';
import type { CloseReason, StreamSink } from './stream-sink';

/** A sink in memory whose network takes nothing until `flush()`. */
function memorySink() {
  const written: string[] = [];
  let buffered = 0;
  let drainers: (() => void)[] = [];
  let closeListener: (() => void) | undefined;
  const sink: StreamSink & { ended?: { reason: string; lastId: string | undefined } } = {
    transport: 'sse',
    write(id, _type, json) {
      written.push(id);
      buffered += Buffer.byteLength(json);
    },
    bufferedBytes: () => buffered,
    drained: () =>
      buffered === 0 ? Promise.resolve() : new Promise((resolve) => drainers.push(resolve)),
    end(reason, lastId) {
      sink.ended = { reason, lastId };
    },
    onClose(listener) {
      closeListener = listener;
    },
  };
  return {
    sink,
    written,
    flush() {
      buffered = 0;
      const waiting = drainers;
      drainers = [];
      for (const resolve of waiting) resolve();
    },
    hangUp: () => closeListener?.(),
  };
}

function item(cursor: string, rank: number, type: StreamType, extra: Partial<StreamItem> = {}) {
  return {
    id: `${cursor}:${rank}`,
    cursor,
    rank,
    type,
    profileId: 'p1',
    json: JSON.stringify({ filler: 'x'.repeat(1000) }),
    ...extra,
  } satisfies StreamItem;
}

const ALL = new Set<StreamType>(['event.received', 'profile.updated', 'segment.entered']);
const tick = () => new Promise((resolve) => setImmediate(resolve));

function reader(sink: StreamSink, options: { budget?: number; segmentId?: string } = {}) {
  const closed: CloseReason[] = [];
  const r = new StreamReader(
    't',
    { types: ALL, segmentId: options.segmentId },
    sink,
    options.budget ?? 1_000_000,
    { cursor: '5:0', rank: Infinity },
    { sent: () => undefined, closed: (reason) => closed.push(reason) },
  );
  return { r, closed };
}

describe('isAfter', () => {
  it('orders by change, then by rank within it', () => {
    expect(isAfter({ cursor: '5:2', rank: 0 }, { cursor: '5:1', rank: 9 })).toBe(true);
    expect(isAfter({ cursor: '5:1', rank: 3 }, { cursor: '5:1', rank: 2 })).toBe(true);
    expect(isAfter({ cursor: '5:1', rank: 2 }, { cursor: '5:1', rank: 2 })).toBe(false);
    expect(isAfter({ cursor: '5:1', rank: 0 }, { cursor: '5:1', rank: Infinity })).toBe(false);
    expect(isAfter({ cursor: '4:9', rank: 0 }, { cursor: '5:0', rank: 0 })).toBe(false);
  });
});

describe('StreamReader', () => {
  it('sends what it takes in order, once, and nothing at or before its position', async () => {
    const mem = memorySink();
    const { r } = reader(mem.sink);
    r.offer([item('4:9', 0, 'event.received'), item('5:3', 0, 'event.received')]);
    r.offer([item('5:3', 0, 'event.received'), item('5:3', 1, 'profile.merged')]);
    r.offer([item('5:4', 0, 'profile.updated')]);
    await tick();
    expect(mem.written).toEqual(['5:3:0', '5:4:0']);
  });

  it('with a segment, takes its entries and its members’ other messages only', async () => {
    const mem = memorySink();
    const { r } = reader(mem.sink, { segmentId: 's1' });
    r.offer(
      [
        item('6:1', 0, 'segment.entered', { segmentId: 's2' }),
        item('6:2', 0, 'segment.entered', { segmentId: 's1' }),
        item('6:3', 0, 'event.received', { profileId: 'member' }),
        item('6:3', 1, 'event.received', { profileId: 'stranger' }),
      ],
      new Set(['member']),
    );
    await tick();
    expect(mem.written).toEqual(['6:2:0', '6:3:0']);
  });

  it('takes a page larger than its budget whole, and writes it as the connection drains', async () => {
    const mem = memorySink();
    const { r, closed } = reader(mem.sink, { budget: 200_000 });
    const page = Array.from({ length: 300 }, (_, i) => item('7:1', i, 'event.received'));
    r.offer(page);
    await tick();
    // 64 KiB go out before the connection's buffer is "full".
    expect(mem.written.length).toBeGreaterThan(60);
    expect(mem.written.length).toBeLessThan(70);
    for (let i = 0; i < 10; i += 1) {
      mem.flush();
      await tick();
    }
    expect(mem.written).toHaveLength(300);
    expect(closed).toEqual([]);
  });

  it('closes a reader still over its budget when the next page comes, naming the last id sent', async () => {
    const mem = memorySink();
    const { r, closed } = reader(mem.sink, { budget: 100_000 });
    r.offer(Array.from({ length: 300 }, (_, i) => item('8:1', i, 'event.received')));
    await tick();
    const lastSent = mem.written.at(-1);
    r.offer([item('8:2', 0, 'event.received')]);
    expect(closed).toEqual(['slow_reader']);
    expect(mem.sink.ended).toEqual({ reason: 'slow_reader', lastId: lastSent });
    r.offer([item('8:3', 0, 'event.received')]);
    expect(mem.written.at(-1)).toBe(lastSent);
  });

  it('lets a reader catching up wait for room, and wakes it when the network takes the bytes', async () => {
    const mem = memorySink();
    const { r } = reader(mem.sink, { budget: 100_000 });
    r.offer(Array.from({ length: 150 }, (_, i) => item('9:1', i, 'event.received')));
    let roomy = false;
    void r.room().then(() => (roomy = true));
    await tick();
    expect(roomy).toBe(false);
    for (let i = 0; i < 5 && !roomy; i += 1) {
      mem.flush();
      await tick();
    }
    expect(roomy).toBe(true);
  });

  it('counts a hang-up once, as the client’s', () => {
    const mem = memorySink();
    const { r, closed } = reader(mem.sink);
    mem.hangUp();
    r.end('shutdown');
    expect(closed).toEqual(['client']);
    expect(r.closed).toBe(true);
  });
});
