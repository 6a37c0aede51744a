/**
 * Pulls from `source` ahead of the consumer, up to `limit` items, so that the next fetch
 * from the database runs while the current rows are encoded and written: the export then
 * takes about the longer of the two, not their sum. The consumer stopping early (a client
 * gone) stops the pull and closes the source.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, limit: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  let head = 0;
  let finished = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakePump: (() => void) | undefined;

  const pump = (async () => {
    try {
      while (!stopped) {
        if (queue.length - head >= limit) {
          await new Promise<void>((resolve) => (wakePump = resolve));
          continue;
        }
        const next = await iterator.next();
        if (next.done === true) break;
        queue.push(next.value);
        wakeConsumer?.();
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      wakeConsumer?.();
    }
  })();

  try {
    for (;;) {
      if (head === queue.length) {
        if (finished) break;
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
        wakeConsumer = undefined;
        continue;
      }
      const item = queue[head]!;
      head += 1;
      // Compact now and then rather than shift() each item.
      if (head >= 4096) {
        queue.splice(0, head);
        head = 0;
      }
      wakePump?.();
      wakePump = undefined;
      yield item;
    }
    if (failure !== undefined) throw failure.error;
  } finally {
    stopped = true;
    wakePump?.();
    await pump;
    if (failure === undefined) await iterator.return?.();
  }
}
