/**
 * Events one ingestion transaction takes at most (whole requests; at least one). Each
 * distinct identifier holds an advisory lock until the commit, and PostgreSQL's shared
 * lock table has room for `max_locks_per_transaction × max_connections` of them across the
 * server: a few thousand a transaction leaves room for the others running beside it
 * (5,000 events, some 15,000 locks, exhausted the default table).
 */
export const MAX_EVENTS_PER_TRANSACTION = 1000;

/** `items` in order, cut into runs whose sizes add up to at most `max` (at least one item each). */
export function chunkBySize<T>(items: readonly T[], size: (item: T) => number, max: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    if (current.length > 0 && total + size(item) > max) {
      chunks.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += size(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
