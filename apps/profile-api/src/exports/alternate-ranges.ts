import { readAhead } from './read-ahead';

/** Ends each range in a lane's items. */
export const RANGE_END: unique symbol = Symbol('range end');

/** The items of some consecutive ranges, each followed by {@link RANGE_END}. */
export type Lane<T> = AsyncIterable<T | typeof RANGE_END>;

/**
 * The items of ranges 0, 1, 2… in order, where `lanes[0]` reads the even ranges and
 * `lanes[1]` the odd ones. Both lanes are pulled from the start, each up to `limit` items
 * ahead: while one lane's range is consumed, the other is already reading the next range, so
 * two connections work at once and no more than 2 × `limit` items are ever held. A lane
 * that fails is reported when its turn comes; stopping early closes both lanes.
 */
export async function* alternateRanges<T>(
  lanes: readonly [Lane<T>, Lane<T>],
  limit: number,
): AsyncGenerator<T> {
  const iterators = [readAhead(lanes[0], limit), readAhead(lanes[1], limit)] as const;
  const pending: (Promise<IteratorResult<T | typeof RANGE_END>> | undefined)[] = iterators.map(
    (iterator) => iterator.next(),
  );
  // Read now, awaited on the lane's turn: a rejection must not go unhandled meanwhile.
  for (const next of pending) next?.catch(() => undefined);
  try {
    let turn = 0;
    for (;;) {
      const next = await pending[turn]!;
      // The lane whose turn it is has no range left: that was the last range.
      if (next.done === true) {
        pending[turn] = undefined;
        break;
      }
      const following = iterators[turn]!.next();
      following.catch(() => undefined);
      pending[turn] = following;
      if (next.value === RANGE_END) turn = 1 - turn;
      else yield next.value;
    }
  } finally {
    for (const [index, iterator] of iterators.entries()) {
      // A next() still running must settle before return() can close the lane.
      await pending[index]?.catch(() => undefined);
      await iterator.return(undefined);
    }
  }
}
